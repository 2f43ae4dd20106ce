/**
 * How an address is written, the same on the server (CSV) and in the client (titles, suggestions):
 * no imports, so the client bundle takes it without the contract's zod schemas.
 */

interface AddressParts {
  street: string;
  number: number;
  letter: string | null;
  addition: string | null;
  postcode: string;
  place: string;
}

/** "Spui 70A-2" */
export function formatStreetNumber(address: Pick<AddressParts, "street" | "number" | "letter" | "addition">): string {
  return `${address.street} ${address.number}${address.letter ?? ""}${address.addition ? `-${address.addition}` : ""}`;
}

/** "Spui 70, 2511 BT 's-Gravenhage": how an address titles a dossier. */
export function formatAddress(address: AddressParts): string {
  return `${formatStreetNumber(address)}, ${address.postcode} ${address.place}`;
}
