import type { PipelineList, RunList, RunStarted } from "../../ground/contract/contract.ts";
import type { AuditLog } from "../../engine/auth/audit-log.ts";
import { requestSignal } from "../http/request-signal.ts";
import { sessionOf, type Route } from "../http/routes.ts";
import { parseInput } from "../http/validate.ts";
import type { PipelineService } from "../../engine/pipelines/pipeline-service.ts";
import { RejectsQuery, RunPath, RunsQuery } from "../../ground/contract/requests/pipelines.ts";
import { rejectsToCsv } from "./rejects-csv.ts";

export function pipelineRoutes(route: Route, { pipelines, audit }: { pipelines: PipelineService; audit: AuditLog }): void {
  route("GET /api/v1/pipelines", async (req, res) => {
    const body: PipelineList = { pipelines: await pipelines.list({ signal: requestSignal(req, res) }) };
    res.json(body);
  });

  route("GET /api/v1/pipelines/:name/runs", async (req, res) => {
    const { limit } = parseInput(RunsQuery, req.query, "query");
    const body: RunList = { runs: await pipelines.runs(String(req.params.name), limit, { signal: requestSignal(req, res) }) };
    res.json(body);
  });

  // A run by hand records who started it, on the run and in the audit log.
  route("POST /api/v1/pipelines/:name/runs", async (req, res) => {
    const name = String(req.params.name);
    const session = sessionOf(res)!;
    const runId = await pipelines.start(name, session.username);
    await audit.record(session, "run-pipeline", name);
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

  // Raw upstream rows may hold personal data (a complaint's address): the download is audited like the other exports.
  route("GET /api/v1/pipelines/:name/runs/:runId/rejects", async (req, res) => {
    const { name, runId } = parseInput(RunPath, req.params, "path");
    const { sep, lang } = parseInput(RejectsQuery, req.query, "query");
    const { rows, rowsRejected } = await pipelines.rejects(name, runId, { signal: requestSignal(req, res) });
    await audit.record(sessionOf(res)!, "export-rejects", `${name}/${runId}`);
    res
      .type("text/csv; charset=utf-8")
      .attachment(`${name}-run-${runId}-rejects.csv`)
      .send(rejectsToCsv(rows, { pipeline: name, runId, rowsRejected }, { sep, lang }));
  });
}
