-- Daily means per pollutant at one station: UTC days, each hour dated by its start, a day counted
-- only with enough of its hours measured (meta.hour_start and meta.is_valid_day, src/store/domain-rules.sql).
SELECT formula, year(day) AS year, mean
FROM (
  SELECT formula, CAST(meta.hour_start(timestamp_measured) AS DATE) AS day, avg(value) AS mean
  FROM main.air_quality_measurements
  WHERE station_number = $station
  GROUP BY formula, day
  HAVING meta.is_valid_day(count(*))
)
ORDER BY formula, year
