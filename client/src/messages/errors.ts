/** What the UI says about a request that failed without a localized answer from the server. */
import { defineMessages } from "./define.ts";

export const errorsMessages = defineMessages(
  {
    "error.network": "de server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.",
    "error.timeout": "de server antwoordde niet op tijd. Probeer het opnieuw.",
    "error.aborted": "het verzoek is afgebroken.",
    "error.unavailable": "de server is tijdelijk niet beschikbaar (status {status}). Probeer het later opnieuw.",
    "error.status": "de server gaf een onverwacht antwoord (status {status}).",
    "error.badAnswer": "het antwoord van de server kon niet worden gelezen.",
    "error.unexpected": "er trad een onverwachte fout op in de app. Laad de pagina opnieuw.",
  },
  {
    "error.network": "the server cannot be reached. Check the connection and try again.",
    "error.timeout": "the server did not answer in time. Try again.",
    "error.aborted": "the request was aborted.",
    "error.unavailable": "the server is temporarily unavailable (status {status}). Try again later.",
    "error.status": "the server gave an unexpected answer (status {status}).",
    "error.badAnswer": "the server's answer could not be read.",
    "error.unexpected": "an unexpected error occurred in the app. Reload the page.",
  },
);
