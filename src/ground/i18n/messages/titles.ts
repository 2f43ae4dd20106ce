/** Problem titles: one per HTTP status the API answers with, plus the few special titles. */
import { defineMessages } from "../define-messages.ts";

export const titleMessages = defineMessages(
  {
    "title.400": "Ongeldig verzoek",
    "title.401": "Niet ingelogd",
    "title.403": "Geen toegang",
    "title.404": "Niet gevonden",
    "title.405": "Methode niet toegestaan",
    "title.406": "Niet aanvaardbaar",
    "title.409": "Conflict",
    "title.413": "Verzoek te groot",
    "title.415": "Mediatype niet ondersteund",
    "title.429": "Te veel verzoeken",
    "title.500": "Interne serverfout",
    "title.503": "Dienst niet beschikbaar",
    "title.other": "Fout",
    "title.queryTimeout": "Query duurde te lang",
  },
  {
    "title.400": "Bad Request",
    "title.401": "Unauthorized",
    "title.403": "Forbidden",
    "title.404": "Not Found",
    "title.405": "Method Not Allowed",
    "title.406": "Not Acceptable",
    "title.409": "Conflict",
    "title.413": "Payload Too Large",
    "title.415": "Unsupported Media Type",
    "title.429": "Too Many Requests",
    "title.500": "Internal Server Error",
    "title.503": "Service Unavailable",
    "title.other": "Error",
    "title.queryTimeout": "Query Timeout",
  },
);
