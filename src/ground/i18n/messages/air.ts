/** Air quality against the limit values (src/engine/stations/air-compliance.ts): verdicts, their reasons and rules. */
import { defineMessages } from "../define-messages.ts";

export const airMessages = defineMessages(
  {
    "air.noYearData": "geen luchtmetingen in {year}; jaren met metingen: {years}",
    "air.annualAbove": "jaargemiddelde {mean} µg/m³ boven {value} µg/m³",
    "air.countAbove": "{count} keer boven {value} µg/m³ ({period}), {allowed} toegestaan",
    "air.periodDay": "daggemiddelde",
    "air.periodHour": "uurwaarde",
    "air.lowCoverage": "te weinig metingen om te beoordelen: {coverage} % van de uren gemeten, minstens {rule} % nodig",
    "air.lowDayCoverage": "te weinig geldige dagen om overschrijdingsdagen te beoordelen: {coverage} % van de dagen, minstens {rule} % nodig",
    "air.rules":
      "Een dag telt mee met minstens 18 uurwaarden. Een jaargemiddelde telt tegen een grenswaarde met minstens {rule} % van de uren gemeten; een norm voor dagen of uren met minstens {rule} % geldige dagen of gemeten uren. Meer overschrijdingen dan toegestaan is altijd een overschrijding, ook bij te weinig metingen. EU-grenswaarden (2008/50/EG nu, 2024/2881 vanaf 2030) zijn wettelijk; de WHO-advieswaarde (2021) is een advies en wordt hier alleen op het jaargemiddelde beoordeeld.",
  },
  {
    "air.noYearData": "no air measurements in {year}; years with measurements: {years}",
    "air.annualAbove": "annual mean {mean} µg/m³ above {value} µg/m³",
    "air.countAbove": "{count} times above {value} µg/m³ ({period}), {allowed} allowed",
    "air.periodDay": "daily mean",
    "air.periodHour": "hourly value",
    "air.lowCoverage": "too few measurements to judge: {coverage} % of the hours measured, at least {rule} % needed",
    "air.lowDayCoverage": "too few valid days to judge exceedance days: {coverage} % of the days, at least {rule} % needed",
    "air.rules":
      "A day counts with at least 18 hourly values. An annual mean counts against a limit value with at least {rule} % of the hours measured; a limit on days or hours with at least {rule} % valid days or measured hours. More exceedances than allowed is always a breach, even with too few measurements. EU limit values (2008/50/EC now, 2024/2881 from 2030) are law; the WHO guideline (2021) is advice and is judged here on the annual mean only.",
  },
);
