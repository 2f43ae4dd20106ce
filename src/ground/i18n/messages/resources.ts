/** Details of problems with a named resource: unknown ids, a busy pipeline, an existing backup, accounts. */
import { defineMessages } from "../define-messages.ts";

export const resourceMessages = defineMessages(
  {
    "unknown.area": "geen wijk of buurt van de gemeente: {code}",
    "unknown.establishment": "onbekende inrichting: {id}",
    "unknown.indicator": "onbekende indicator: {id}",
    "unknown.pipeline": "onbekende pijplijn: {name}",
    "unknown.run": "pijplijn {name} heeft geen run {runId}",
    "unknown.station": "onbekend meetstation: {number}",
    "unknown.theme": "onbekend thema: {id}",
    "unknown.user": "onbekende gebruiker: {username}",
    "pipeline.busy": "pijplijn {name} draait al",
    "pipeline.shuttingDown": "de monitor wordt afgesloten; start de run opnieuw na de herstart",
    "backup.exists": "{file} bestaat al; kies een andere naam",
    "account.username": "2–64 tekens: kleine letters, cijfers, . _ of -, beginnend met een letter of cijfer",
    "account.passwordLength": "minstens {min} tekens",
    "account.role": "een van {roles}",
    "account.exists": "{username} bestaat al",
    "account.ssoPassword": "accounts met single sign-on loggen in bij hun provider, niet met een wachtwoord",
    "account.passwordOnStdin":
      "geef het wachtwoord via stdin, bijvoorbeeld `printf '%s' \"$PASSWORD\" | npm run users -- add …`, zodat het niet in de shellgeschiedenis komt",
  },
  {
    "unknown.area": "not a wijk or buurt of the municipality: {code}",
    "unknown.establishment": "unknown establishment: {id}",
    "unknown.indicator": "unknown indicator: {id}",
    "unknown.pipeline": "unknown pipeline: {name}",
    "unknown.run": "pipeline {name} has no run {runId}",
    "unknown.station": "unknown station: {number}",
    "unknown.theme": "unknown theme: {id}",
    "unknown.user": "unknown user: {username}",
    "pipeline.busy": "pipeline {name} is already running",
    "pipeline.shuttingDown": "the monitor is shutting down; start the run again after the restart",
    "backup.exists": "{file} already exists; choose another name",
    "account.username": "2–64 characters, lower-case letters, digits, . _ or -, starting with a letter or digit",
    "account.passwordLength": "at least {min} characters",
    "account.role": "one of {roles}",
    "account.exists": "{username} exists already",
    "account.ssoPassword": "single sign-on accounts log in at their provider, not with a password",
    "account.passwordOnStdin": "pipe the password on stdin, e.g. `printf '%s' \"$PASSWORD\" | npm run users -- add …`, so it stays out of the shell history",
  },
);
