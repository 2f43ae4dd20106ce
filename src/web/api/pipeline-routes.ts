import type { PipelineList, RunList, RunStarted } from "../../ground/contract/contract.ts";
import { requestSignal } from "../http/request-signal.ts";
import type { Route } from "../http/routes.ts";
import { parseInput } from "../http/validate.ts";
import type { PipelineService } from "../../engine/pipelines/pipeline-service.ts";
import { RunPath, RunsQuery } from "../../ground/contract/requests/pipelines.ts";

export function pipelineRoutes(route: Route, { pipelines }: { pipelines: PipelineService }): void {
  route("GET /api/v1/pipelines", async (req, res) => {
    const body: PipelineList = { pipelines: await pipelines.list({ signal: requestSignal(req, res) }) };
    res.json(body);
  });

  route("GET /api/v1/pipelines/:name/runs", async (req, res) => {
    const { limit } = parseInput(RunsQuery, req.query, "query");
    const body: RunList = { runs: await pipelines.runs(String(req.params.name), limit, { signal: requestSignal(req, res) }) };
    res.json(body);
  });

  route("POST /api/v1/pipelines/:name/runs", async (req, res) => {
    const name = String(req.params.name);
    const runId = await pipelines.start(name);
    const body: RunStarted = { runId, pipeline: name };
    res
      .status(202)
      .location(`/api/v1/pipelines/${encodeURIComponent(name)}/runs/${runId}`)
      .json(body);
  });

  route("GET /api/v1/pipelines/:name/runs/:runId", async (req, res) => {
    const { name, runId } = parseInput(RunPath, req.params, "path");
    res.json(await pipelines.run(name, runId, { signal: requestSignal(req, res) }));
  });
}
