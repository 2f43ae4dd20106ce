/** The annual mean of one pollutant over the municipality's stations: NO₂, PM2.5 and PM10. */
import type { Localized } from "../../../ground/contract/contract.ts";
import { defineIndicator } from "../define-theme.ts";
import { annualNorms } from "../norms.ts";
import { releases } from "../release.ts";

/**
 * Annual mean of one pollutant per station. timestamp_measured is the end of the hour: the hour is
 * dated by its start (meta.hour_start, src/store/domain-rules.sql). A station-year counts only with
 * 75 % of its hours measured (value NULL below). Its tier is its least checked hour's: a year with
 * one provisional month is provisional (an hour without a tier, loaded before tiers, is unvalidated).
 * Tiers follow RIVM's periods, which run in UTC+1: the year's last UTC hour lies in next year's
 * January file, and does not make a validated year provisional.
 */
const sql = `
WITH hourly AS (
  SELECT station_number, value, year(meta.hour_start(timestamp_measured)) AS year,
         CASE WHEN meta.rivm_year(timestamp_measured) = year(meta.hour_start(timestamp_measured))
              THEN coalesce(list_position(['unvalidated', 'provisional', 'validated'], tier), 1) END AS tier_rank
  FROM main.air_quality_measurements
  WHERE formula = $formula
), yearly AS (
  SELECT station_number, year, avg(value) AS mean, ['unvalidated', 'provisional', 'validated'][min(tier_rank)] AS tier,
         count(*) / datediff('hour', make_timestamp(year, 1, 1, 0, 0, 0), make_timestamp(year + 1, 1, 1, 0, 0, 0)) AS coverage
  FROM hourly
  GROUP BY station_number, year
)
SELECT y.station_number AS area_code, s.location AS area_name, y.year::VARCHAR AS period,
       CASE WHEN y.coverage >= 0.75 THEN round(y.mean, 2) END AS value, round(y.coverage, 4) AS coverage, y.tier
FROM yearly y JOIN main.air_quality_stations s ON s.number = y.station_number
ORDER BY period, area_code`;

const annualMean = (id: string, formula: string, label: Localized) =>
  defineIndicator({
    id,
    name: { nl: `${label.nl} jaargemiddelde`, en: `${label.en} annual mean` },
    description: {
      nl: `Jaargemiddelde concentratie ${label.nl} over de meetstations in de gemeente (stationsjaren met minstens 75 % meetdekking).`,
      en: `Annual mean concentration of ${label.en} across the municipality's stations (station-years with at least 75 % data coverage).`,
    },
    unit: "µg/m³",
    direction: "lower",
    sql,
    params: { formula },
    grain: "station",
    rollup: "weighted-mean",
    lowestLevel: "gemeente",
    disclosure: null,
    pipelines: ["air-quality-measurements", "air-quality-stations"],
    release: releases.continuous,
    qualityTier: "provisional",
    norms: annualNorms[formula] ?? [],
  });

export const no2AnnualMean = annualMean("no2-annual-mean", "NO2", { nl: "NO₂", en: "NO₂" });
export const pm25AnnualMean = annualMean("pm25-annual-mean", "PM25", { nl: "PM2,5", en: "PM2.5" });
export const pm10AnnualMean = annualMean("pm10-annual-mean", "PM10", { nl: "PM10", en: "PM10" });
