/**
 * One operation on the API page: method and path, summary, who may call it (and whether the current
 * user may, in words and a symbol, not by colour alone), parameters, body and answers.
 */
import { html, nothing } from "lit";
import type { Role } from "../../../../src/ground/contract/contract.ts";
import { lang, t } from "../../i18n.ts";
import { describeSchema, rolesOf, type JsonSchema, type ListedOperation, type ParameterObject } from "./openapi-document.ts";

function renderAccess(operation: ListedOperation["operation"], userRole: Role) {
  const access = operation["x-access"];
  const roles = rolesOf(operation);
  const who =
    access === "public" ? t("apiDocs.public") : access === "authenticated" ? t("apiDocs.authenticated") : roles.map((role) => t(`role.${role}`)).join(", ");
  const allowed = access === "public" || roles.includes(userRole);
  return html`<p class="access">
    <span>${t("apiDocs.roles")}: ${who}.</span>
    <span class=${allowed ? "allowed" : "denied"} data-testid="api-allowed" data-allowed=${String(allowed)}
      >${t(allowed ? "apiDocs.allowed" : "apiDocs.denied", { role: t(`role.${userRole}`) })}</span
    >
  </p>`;
}

function renderParameters(parameters: readonly ParameterObject[], label: string) {
  if (parameters.length === 0) return nothing;
  return html`<h4>${t("apiDocs.parameters")}</h4>
    <div class="table-wrap">
      <table data-testid="api-parameters">
        <caption class="sr-only">
          ${t("apiDocs.parametersOf", { operation: label })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t("apiDocs.name")}</th>
            <th scope="col">${t("apiDocs.in")}</th>
            <th scope="col">${t("apiDocs.required")}</th>
            <th scope="col">${t("apiDocs.type")}</th>
            <th scope="col">${t("apiDocs.description")}</th>
          </tr>
        </thead>
        <tbody>
          ${parameters.map((parameter) => {
            const { type, defaultValue } = describeSchema(parameter.schema);
            const description = (lang() === "nl" ? parameter["x-description-nl"] : undefined) ?? parameter.description ?? "";
            return html`<tr data-testid="api-parameter" data-name=${parameter.name}>
              <th scope="row"><code>${parameter.name}</code></th>
              <td>${parameter.in === "path" || parameter.in === "query" ? t(`apiDocs.in.${parameter.in}`) : parameter.in}</td>
              <td>${parameter.required ? t("apiDocs.yes") : t("apiDocs.no")}</td>
              <td><code>${type}</code>${defaultValue !== undefined ? html` (${t("apiDocs.default", { value: defaultValue })})` : nothing}</td>
              <td>${description}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
}

function renderBody(body: ListedOperation["operation"]["requestBody"]) {
  const schema = body?.content?.["application/json"]?.schema;
  if (!schema) return nothing;
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return html`<h4>${body?.required ? t("apiDocs.body") : t("apiDocs.bodyOptional")}</h4>
    <ul class="body">
      ${Object.entries(properties).map(
        ([name, property]) =>
          html`<li>
            <code>${name}</code>: <code>${describeSchema(property).type}</code>${required.has(name) ? html` (${t("apiDocs.required").toLowerCase()})` : nothing}
          </li>`,
      )}
    </ul>`;
}

type Responses = NonNullable<ListedOperation["operation"]["responses"]>;

function renderResponseList(entries: [string, Responses[string]][]) {
  return html`<ul class="responses">
    ${entries.map(
      ([status, response]) =>
        html`<li>
          <strong>${status}</strong> ${response.description ?? ""}
          ${Object.keys(response.content ?? {}).map((type) => html` <code class="media">${type}</code>`)}
        </li>`,
    )}
  </ul>`;
}

/** Success answers in full; the errors (problem+json) folded, as most operations share them. */
function renderResponses(responses: ListedOperation["operation"]["responses"]) {
  const entries = Object.entries(responses ?? {});
  const errors = entries.filter(([status]) => Number(status) >= 400);
  return html`<h4>${t("apiDocs.responses")}</h4>
    <div data-testid="api-responses">
      ${renderResponseList(entries.filter(([status]) => Number(status) < 400))}
      ${
        errors.length > 0
          ? html`<details>
              <summary>${t("apiDocs.errors", { statuses: errors.map(([status]) => status).join(", ") })}</summary>
              ${renderResponseList(errors)}
            </details>`
          : nothing
      }
    </div>`;
}

export function renderOperation({ method, path, operation }: ListedOperation, userRole: Role) {
  const label = `${method.toUpperCase()} ${path}`;
  const summary = (lang() === "nl" ? operation["x-summary-nl"] : undefined) ?? operation.summary ?? "";
  return html`<article class="panel operation" data-testid="api-operation" data-operation=${label}>
    <h3><span class="method method-${method}">${method.toUpperCase()}</span> <code>${path}</code></h3>
    <p>${summary}</p>
    ${renderAccess(operation, userRole)} ${renderParameters(operation.parameters ?? [], label)} ${renderBody(operation.requestBody)}
    ${renderResponses(operation.responses)}
  </article>`;
}
