/** The demo municipality's air-quality stations (fictional; numbers in an unused NL999xx range). */
export type Formula = "NO2" | "PM10" | "PM25" | "O3";

export interface DemoStation {
  number: string;
  location: string;
  type: "traffic" | "industrial" | "background";
  lon: number;
  lat: number;
  /** Annual mean in the first demo year, µg/m³. */
  base: Partial<Record<Formula, number>>;
}

export const demoMunicipality = { code: "GM9999", name: "Groenmeer" } as const;

export const demoStations: DemoStation[] = [
  { number: "NL99001", location: "Groenmeer-Stationsplein", type: "traffic", lon: 5.1214, lat: 52.0907, base: { NO2: 35, PM10: 22, PM25: 12.4 } },
  { number: "NL99002", location: "Groenmeer-Havenweg", type: "industrial", lon: 5.0968, lat: 52.1052, base: { NO2: 29, PM10: 24.5, PM25: 13.2 } },
  { number: "NL99003", location: "Groenmeer-Noorderpark", type: "background", lon: 5.1302, lat: 52.1175, base: { NO2: 18, PM10: 17, PM25: 10.1, O3: 46 } },
  { number: "NL99004", location: "Groenmeer-Ringweg", type: "traffic", lon: 5.1551, lat: 52.0803, base: { NO2: 33, PM10: 21.5, PM25: 12 } },
  { number: "NL99005", location: "Groenmeer-Zuid", type: "background", lon: 5.1189, lat: 52.0656, base: { NO2: 17, PM25: 9.8, O3: 48 } },
];

/** Relative change per year: NO2 falls fast (cleaner traffic), particulates slowly. */
export const yearlyTrend: Record<Formula, number> = { NO2: -0.065, PM10: -0.035, PM25: -0.012, O3: 0.01 };
