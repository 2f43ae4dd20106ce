/**
 * The API v1 response shapes of the address search (BAG): one address, and a search's answer. Public
 * data, but behind the permit officer's roles because an address leads to a location dossier.
 */
import { z } from "zod";

export const Address = z.object({
  /** The BAG nummeraanduiding id (16 digits). */
  id: z.string(),
  street: z.string(),
  number: z.number().int(),
  letter: z.string().nullable(),
  addition: z.string().nullable(),
  /** "2511 BT". */
  postcode: z.string(),
  place: z.string(),
  lon: z.number(),
  lat: z.number(),
  buurtCode: z.string().nullable(),
});
export type Address = z.infer<typeof Address>;

export const AddressSearch = z.object({
  q: z.string(),
  /** Best first: exact street before prefix before fuzzy match, then by house number. */
  items: z.array(Address),
  /** How many addresses matched in all (items holds the first `limit`). */
  total: z.number().int(),
});
export type AddressSearch = z.infer<typeof AddressSearch>;

/** The sensitive uses counted around a location, from the BAG gebruiksdoelen. */
export const sensitiveClasses = ["school", "care", "dwelling"] as const;
export type SensitiveClass = (typeof sensitiveClasses)[number];

/** An address with a school or care use near a location. */
export const SensitiveAddress = z.object({
  address: Address,
  /** "school" (onderwijsfunctie) and/or "care" (gezondheidszorgfunctie). */
  classes: z.array(z.enum(["school", "care"])),
  distanceM: z.number(),
});
export type SensitiveAddress = z.infer<typeof SensitiveAddress>;

/** Buildings with a sensitive use within `radiusM` of a location: counts by class and the nearest schools and care. */
export const SensitiveAround = z.object({
  radiusM: z.number(),
  /** Per class: addresses (verblijfsobjecten) with that use, and the buildings they are in. */
  counts: z.array(z.object({ class: z.enum(sensitiveClasses), addresses: z.number().int(), buildings: z.number().int() })),
  /** The nearest 20 addresses with a school or care use, nearest first. */
  nearest: z.array(SensitiveAddress),
});
export type SensitiveAround = z.infer<typeof SensitiveAround>;
