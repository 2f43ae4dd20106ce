import { z } from "zod";
import { reason } from "../ground/i18n/message.ts";
import { rowCountChange } from "./framework/checks.ts";
import { definePipeline } from "./framework/define-pipeline.ts";
import { releases } from "./framework/release-schedule.ts";
import { bagAddresses } from "./sources/pdok-bag.ts";

const bagId = (column: string, example: string) => z.string().regex(/^\d{16}$/, { error: reason("reject.lookLike", { column, example }) });

export default definePipeline({
  name: "bag-addresses",
  title: { nl: "Adressen (BAG-verblijfsobjecten)", en: "Addresses (BAG residential and other units)" },
  // The BAG changes daily, but a permit officer looks up addresses that mostly exist for years: a weekly
  // refresh keeps new builds within a week, and spares PDOK (and the run) a full municipality every night.
  schedule: "0 5 * * 1",
  source: bagAddresses,
  schema: z.object({
    /** The nummeraanduiding (hoofdadres) id; the verblijfsobject id when the source gives none. */
    address_id: bagId("address_id", "0518200000123456"),
    object_id: bagId("object_id", "0518010000123456"),
    building_id: bagId("building_id", "0518100000123456").nullable(),
    street: z.string().min(1),
    house_number: z.number().int().min(1).max(99999),
    house_letter: z
      .string()
      .regex(/^[A-Za-z]$/, { error: reason("reject.lookLike", { column: "house_letter", example: "A" }) })
      .nullable(),
    addition: z
      .string()
      .regex(/^[A-Za-z0-9]{1,4}$/, { error: reason("reject.lookLike", { column: "addition", example: "2, H or 1HG" }) })
      .nullable(),
    postcode: z.string().regex(/^\d{4} [A-Z]{2}$/, { error: reason("reject.lookLike", { column: "postcode", example: "2511 BT" }) }),
    place: z.string().min(1),
    use_classes: z
      .string()
      .regex(/^[a-z ]+(,[a-z ]+)*$/, { error: reason("reject.lookLike", { column: "use_classes", example: "woonfunctie,winkelfunctie" }) }),
    floor_area: z.number().int().min(1).max(1_000_000).nullable(),
    lon: z.number().min(3).max(8),
    lat: z.number().min(50).max(54),
  }),
  assignBuurt: { lon: "lon", lat: "lat" },
  mode: "replace",
  key: ["address_id"],
  checks: [rowCountChange({ maxDropPercent: 10 })],
  // The BAG's records carry no release date: as fresh as its last publish against the schedule.
  freshness: { release: releases.onSchedule },
  attribution: { source: "Kadaster, Basisregistratie Adressen en Gebouwen (BAG) via PDOK", licence: "CC0 1.0" },
});
