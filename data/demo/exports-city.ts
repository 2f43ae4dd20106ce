/**
 * Municipality-wide yearly series: CO2 emissions by sector, renewable energy by source, energy use
 * by sector and carrier, household waste. Levels are those of a Dutch city of about 100,000 inhabitants; the trends are the ones real
 * cities report (emissions falling ~2.5 %/yr, far short of the 2030 goals; solar growing fastest).
 */
import type { energyCarriers, energySectors } from "../../src/pipelines/energy-use.ts";
import type { Random } from "./random.ts";

export const FIRST_YEAR = 2015;
export const LAST_YEAR = 2025;
export const YEARS = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);

export type Row = (string | number | null)[];

export const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export const co2Sectors = ["built_environment_homes", "built_environment_services", "traffic", "industry", "agriculture", "waste_water"] as const;

/** kton CO2 in 2015 and the yearly relative change: homes insulate and leave gas fastest, traffic barely moves. */
const CO2: Record<(typeof co2Sectors)[number], { base: number; trend: number }> = {
  built_environment_homes: { base: 190, trend: -0.04 },
  built_environment_services: { base: 140, trend: -0.03 },
  traffic: { base: 160, trend: -0.01 },
  industry: { base: 130, trend: -0.025 },
  agriculture: { base: 18, trend: -0.01 },
  waste_water: { base: 12, trend: -0.015 },
};

export function co2Rows(random: Random): Row[] {
  return YEARS.flatMap((year) => {
    const t = year - FIRST_YEAR;
    // 2020–21: lockdowns cut traffic for a while, as every Klimaatmonitor series shows.
    const covid = year === 2020 ? 0.86 : year === 2021 ? 0.93 : 1;
    return co2Sectors.map((sector) => {
      const { base, trend } = CO2[sector];
      const dip = sector === "traffic" ? covid : 1;
      return [year, sector, round(base * (1 + trend) ** t * dip * (1 + random.normal() * 0.02), 1)];
    });
  });
}

export const renewableSources = ["solar_pv", "wind", "heat_pumps", "biomass"] as const;

export function renewableRows(random: Random): Row[] {
  return YEARS.flatMap((year) => {
    const t = year - FIRST_YEAR;
    const tj: Record<(typeof renewableSources)[number], number> = {
      solar_pv: 40 * 1.25 ** t,
      // Two turbines on the port's edge, the second commissioned in 2019.
      wind: year < 2019 ? 60 : 130,
      heat_pumps: 30 * 1.15 ** t,
      // Wood stoves and one biomass boiler: flat, slowly discouraged.
      biomass: 150 * 0.99 ** t,
    };
    // Yearly weather: sunshine and wind vary a few percent.
    return renewableSources.map((source) => [year, source, round(tj[source] * (1 + random.normal() * 0.04), 1)]);
  });
}

/**
 * Energy use in TJ in 2015 per sector and carrier, and the yearly relative change: homes leave gas for
 * heat networks and heat pumps, electric driving grows fast from a small base, industry barely moves.
 */
const ENERGY: { sector: (typeof energySectors)[number]; carrier: (typeof energyCarriers)[number]; base: number; trend: number }[] = [
  { sector: "built_environment_homes", carrier: "electricity", base: 460, trend: 0.004 },
  { sector: "built_environment_homes", carrier: "natural_gas", base: 1650, trend: -0.035 },
  { sector: "built_environment_homes", carrier: "heat", base: 140, trend: 0.04 },
  { sector: "built_environment_services", carrier: "electricity", base: 720, trend: -0.005 },
  { sector: "built_environment_services", carrier: "natural_gas", base: 690, trend: -0.03 },
  { sector: "built_environment_services", carrier: "heat", base: 90, trend: 0.03 },
  { sector: "traffic", carrier: "electricity", base: 12, trend: 0.3 },
  { sector: "traffic", carrier: "motor_fuels", base: 2150, trend: -0.012 },
  { sector: "industry", carrier: "electricity", base: 510, trend: 0 },
  { sector: "industry", carrier: "natural_gas", base: 820, trend: -0.02 },
  { sector: "industry", carrier: "other", base: 110, trend: -0.01 },
  { sector: "agriculture", carrier: "electricity", base: 22, trend: 0.01 },
  { sector: "agriculture", carrier: "natural_gas", base: 85, trend: -0.02 },
];

export function energyUseRows(random: Random): Row[] {
  return YEARS.flatMap((year) => {
    const t = year - FIRST_YEAR;
    // The lockdown dip in traffic, as in co2Rows; a cold or mild winter moves gas and heat by a few percent.
    const covid = year === 2020 ? 0.85 : year === 2021 ? 0.92 : 1;
    const winter = 1 + random.normal() * 0.04;
    return ENERGY.map(({ sector, carrier, base, trend }) => {
      const weather = carrier === "natural_gas" || carrier === "heat" ? winter : 1;
      const dip = sector === "traffic" ? covid : 1;
      return [year, sector, carrier, round(base * (1 + trend) ** t * weather * dip * (1 + random.normal() * 0.015), 1)];
    });
  });
}

/** A year whose export gives no split of residual waste into fine and bulky (the collector did not report it). */
export const WASTE_YEAR_WITHOUT_SPLIT = 2016;

/** Columns: year, residual, separation share, fine residual, bulky residual (kg per inhabitant). */
export function wasteRows(random: Random): Row[] {
  return YEARS.map((year) => {
    const t = year - FIRST_YEAR;
    // Per-bag charges and reverse collection push residual waste from ~230 towards ~150 kg.
    const residual = round(232 - 8 * t + random.normal() * 3, 1);
    const separation = 0.5 + 0.015 * t + random.normal() * 0.008;
    if (year === WASTE_YEAR_WITHOUT_SPLIT) return [year, residual, round(separation, 3), null, null];
    // About 85 % fine and 15 % bulky residual waste (CBS's "fijn" and "grof"), bulky slowly gaining; in
    // tenths of a kg, so that the two add up to the residual exactly after rounding.
    const fineTenths = Math.round(residual * 10 * (0.86 - 0.002 * t));
    const residualTenths = Math.round(residual * 10);
    return [year, residual, round(separation, 3), fineTenths / 10, (residualTenths - fineTenths) / 10];
  });
}
