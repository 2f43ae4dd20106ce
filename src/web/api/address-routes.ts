/**
 * The address box's API: search as one types, and one address. Addresses are public data (BAG), so
 * neither is audited; they sit behind the permit officer's roles because they lead to dossiers.
 */
import { fromOneVersion } from "../http/data-version.ts";
import { requestSignal } from "../http/request-signal.ts";
import type { Route } from "../http/routes.ts";
import { parseInput } from "../http/validate.ts";
import { quoted } from "../../ground/i18n/quoted.ts";
import { msg } from "../../ground/i18n/message.ts";
import { NotFound } from "../../ground/domain-errors.ts";
import type { Database } from "../../store/database.ts";
import { ADDRESS_ID, AddressesQuery } from "../../ground/contract/requests/addresses.ts";
import { createAddressSearch } from "../../engine/dossiers/address-search.ts";

export function addressRoutes(route: Route, { db }: { db: Database }): void {
  const addresses = createAddressSearch(db);

  route("GET /api/v1/addresses", async (req, res) => {
    const { q, limit } = parseInput(AddressesQuery, req.query, "query");
    const options = { signal: requestSignal(req, res) };
    res.json(await fromOneVersion(db, res, () => addresses.search(q, limit, options), ["bag-addresses"]));
  });

  route("GET /api/v1/addresses/:id", async (req, res) => {
    const id = String(req.params.id);
    const options = { signal: requestSignal(req, res) };
    const address = ADDRESS_ID.test(id) ? await fromOneVersion(db, res, () => addresses.byId(id, options), ["bag-addresses"]) : null;
    if (!address) throw new NotFound(msg("unknown.address", { id: quoted(id) }));
    res.json(address);
  });
}
