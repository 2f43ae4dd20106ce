/**
 * Notes on the data: GET /api/v1/annotations (every role), POST and DELETE (analyst, admin; the route
 * registrar checks the role and the CSRF token). An indicator's notes also reach its series and values
 * per area, their exports (theme-routes.ts) and its charts.
 */
import type { AnnotationList, AnnotationSubject } from "../../ground/contract/contract-annotations.ts";
import { isAllowed, routeAccess } from "../../ground/contract/access.ts";
import { AnnotationPath, AnnotationsQuery, NewAnnotation } from "../../ground/contract/requests/annotations.ts";
import { BadParameter, NotFound } from "../../ground/domain-errors.ts";
import { msg } from "../../ground/i18n/message.ts";
import { quoted } from "../../ground/i18n/quoted.ts";
import type { AnnotationStore } from "../../engine/annotations/annotation-store.ts";
import { findIndicator } from "../../engine/themes/index.ts";
import { findPipeline } from "../../pipelines/index.ts";
import { requestSignal } from "../http/request-signal.ts";
import { sessionOf, type Route } from "../http/routes.ts";
import { parseInput } from "../http/validate.ts";

const STATION_NUMBER = /^[A-Z]{2}\d{5}$/;

/** A subject that does not exist is the parameter's fault (`name`): 400, not an empty list. */
function checkSubject(subject: AnnotationSubject, id: string, name: string, place: "query" | "body") {
  const known = subject === "indicator" ? findIndicator(id) !== undefined : subject === "pipeline" ? findPipeline(id) !== undefined : STATION_NUMBER.test(id);
  if (!known) throw new BadParameter(name, msg("param.unknownSubject", { subject, id: quoted(id) }), place);
}

export function annotationRoutes(route: Route, { annotations }: { annotations: AnnotationStore }): void {
  route("GET /api/v1/annotations", async (req, res) => {
    const query = parseInput(AnnotationsQuery, req.query, "query");
    const subject: AnnotationSubject = query.indicator !== undefined ? "indicator" : query.station !== undefined ? "station" : "pipeline";
    const id = (query.indicator ?? query.station ?? query.pipeline)!;
    checkSubject(subject, id, subject, "query");
    const role = sessionOf(res)!.role;
    const list = await annotations.list(subject, id, role, { signal: requestSignal(req, res) });
    res.json({ annotations: list, mayWrite: isAllowed(routeAccess["POST /api/v1/annotations"], role) } satisfies AnnotationList);
  });

  route("POST /api/v1/annotations", async (req, res) => {
    const body = parseInput(NewAnnotation, req.body, "body");
    checkSubject(body.subject, body.subjectId, "subjectId", "body");
    const session = sessionOf(res)!;
    const added = await annotations.add(
      { subject: body.subject, subjectId: body.subjectId, from: body.from, to: body.to ?? null, text: { nl: body.text, en: body.textEn ?? null } },
      session.username,
      session.role,
    );
    res.status(201).json(added);
  });

  route("DELETE /api/v1/annotations/:id", async (req, res) => {
    const { id } = parseInput(AnnotationPath, req.params, "path");
    if (!(await annotations.remove(id))) throw new NotFound(msg("unknown.annotation", { id }));
    res.status(204).end();
  });
}
