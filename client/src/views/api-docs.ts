/**
 * `<mm-api-docs>` (#/api): the OpenAPI document of the API, readable: operations per tag, who may
 * call each (and whether the current user may), parameters, body and answers, and the raw JSON.
 */
import { Task } from "@lit/task";
import { LitElement, css, html } from "lit";
import type { Role } from "../../../src/ground/contract/contract.ts";
import { api } from "../api-client.ts";
import { LangController, lang, t } from "../i18n.ts";
import { baseStyles } from "../styles.ts";
import { renderOperation } from "./api-docs/operation-entry.ts";
import { groupByTag, readOpenApiDocument, type OpenApiDocument } from "./api-docs/openapi-document.ts";
import { renderFailure, renderLoading } from "./failure-message.ts";

export class ApiDocs extends LitElement {
  static override properties = { userRole: {} };
  declare userRole: Role;

  static override styles = [
    baseStyles,
    css`
      .operation h3 {
        font-size: 1.05rem;
        margin: 0 0 0.3rem;
        overflow-wrap: anywhere;
      }
      .method {
        display: inline-block;
        min-width: 4.2rem;
        text-align: center;
        font-size: 0.85rem;
        font-weight: 700;
        border: 1px solid currentColor;
        border-radius: 4px;
        padding: 0.05rem 0.35rem;
        margin-right: 0.35rem;
        color: #1f3d7a;
        background: #eef3fc;
      }
      .method-post,
      .method-patch,
      .method-delete {
        color: #6b3a00;
        background: #fff4e0;
      }
      .access {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
      }
      .allowed {
        font-weight: 600;
        color: #1b5e20;
      }
      .denied {
        font-weight: 600;
        color: #8a1c1c;
      }
      h4 {
        font-size: 0.95rem;
        margin: 0.8rem 0 0.3rem;
      }
      .media {
        font-size: 0.85rem;
      }
      ul.body,
      ul.responses {
        margin: 0;
        padding-left: 1.2rem;
      }
    `,
  ];

  #document = new Task(this, {
    args: () => [] as const,
    task: async (_args, { signal }) => readOpenApiDocument(await api.get("GET /api/v1/openapi.json", { signal })),
  });

  constructor() {
    super();
    new LangController(this);
    this.userRole = "policy";
  }

  protected override render() {
    return html`<h1>${t("apiDocs.title")}</h1>
      ${this.#document.render({
        pending: renderLoading,
        error: (error) => renderFailure(error, this.userRole, () => void this.#document.run()),
        complete: (doc) => this.#renderDocument(doc),
      })}`;
  }

  #renderDocument(doc: OpenApiDocument) {
    const groups = groupByTag(doc);
    const tagTitle = (name: string) => {
      const tag = doc.tags?.find((candidate) => candidate.name === name);
      return (lang() === "nl" ? tag?.["x-description-nl"] : undefined) ?? tag?.description ?? name;
    };
    return html`<p>${t("apiDocs.intro", { version: doc.info.version })}</p>
      <p><a href=${api.url("GET /api/v1/openapi.json")} data-testid="api-raw" type="application/json">${t("apiDocs.raw")}</a></p>
      ${
        groups.length === 0
          ? html`<p class="panel" data-testid="empty">${t("apiDocs.empty")}</p>`
          : groups.map(
              ({ tag, operations }) =>
                html`<section data-testid="api-tag" data-tag=${tag}>
                  <h2>${tagTitle(tag)}</h2>
                  ${operations.map((operation) => renderOperation(operation, this.userRole))}
                </section>`,
            )
      }`;
  }
}

customElements.define("mm-api-docs", ApiDocs);

declare global {
  interface HTMLElementTagNameMap {
    "mm-api-docs": ApiDocs;
  }
}
