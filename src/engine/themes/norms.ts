/**
 * Air-quality norms in µg/m³ (public facts): EU Directive 2008/50/EC (in force), EU Directive
 * 2024/2881 (from 2030), WHO Air Quality Guidelines 2021.
 */
import type { Norm } from "../../ground/contract/contract.ts";

const eu2008 = { nl: "EU-grenswaarde (2008/50/EG)", en: "EU limit value (2008/50/EC)" };
const eu2030 = { nl: "EU-grenswaarde 2030 (2024/2881)", en: "EU limit value 2030 (2024/2881)" };
const who = { nl: "WHO-advieswaarde (2021)", en: "WHO guideline (2021)" };

const annual = (eu2008Value: number | null, eu2030Value: number, whoValue: number): Norm[] => [
  ...(eu2008Value === null ? [] : [{ id: "eu-2008", label: eu2008, value: eu2008Value }]),
  { id: "eu-2030", label: eu2030, value: eu2030Value },
  { id: "who-2021", label: who, value: whoValue },
];

/** Annual-mean norms per Luchtmeetnet formula. */
export const annualNorms: Record<string, Norm[]> = {
  NO2: annual(40, 20, 10),
  PM10: annual(40, 20, 15),
  PM25: annual(25, 10, 5),
};

export interface DailyNorm {
  norm: Norm;
  /** Days per calendar year the daily mean may exceed the value. */
  allowedDays: number | null;
}

/** EU 24-hour limit values per formula. */
export const dailyNorms: Record<string, DailyNorm[]> = {
  NO2: [{ norm: { id: "eu-2030-24h", label: eu2030, value: 50 }, allowedDays: 18 }],
  PM10: [
    { norm: { id: "eu-2008-24h", label: eu2008, value: 50 }, allowedDays: 35 },
    { norm: { id: "eu-2030-24h", label: eu2030, value: 45 }, allowedDays: 18 },
  ],
  PM25: [{ norm: { id: "eu-2030-24h", label: eu2030, value: 25 }, allowedDays: 18 }],
};

export interface HourlyNorm {
  norm: Norm;
  /** Hours per calendar year the hourly value may exceed the value. */
  allowedHours: number;
}

/** EU 1-hour limit values per formula: NO₂ 200 µg/m³, 18 hours a year now, 3 from 2030. */
export const hourlyNorms: Record<string, HourlyNorm[]> = {
  NO2: [
    { norm: { id: "eu-2008-1h", label: eu2008, value: 200 }, allowedHours: 18 },
    { norm: { id: "eu-2030-1h", label: eu2030, value: 200 }, allowedHours: 3 },
  ],
};
