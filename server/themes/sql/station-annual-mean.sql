-- Annual mean of one pollutant per station. timestamp_measured is the end of the hour: the hour is
-- dated by its start (meta.hour_start, server/db/domain-rules.sql). A station-year counts only with
-- 75 % of its hours measured (value NULL below).
WITH hourly AS (
  SELECT station_number, value, year(meta.hour_start(timestamp_measured)) AS year
  FROM main.air_quality_measurements
  WHERE formula = $formula
), yearly AS (
  SELECT station_number, year, avg(value) AS mean,
         count(*) / datediff('hour', make_timestamp(year, 1, 1, 0, 0, 0), make_timestamp(year + 1, 1, 1, 0, 0, 0)) AS coverage
  FROM hourly
  GROUP BY station_number, year
)
SELECT y.station_number AS area_code, s.location AS area_name, y.year::VARCHAR AS period,
       CASE WHEN y.coverage >= 0.75 THEN round(y.mean, 2) END AS value, round(y.coverage, 4) AS coverage
FROM yearly y JOIN main.air_quality_stations s ON s.number = y.station_number
ORDER BY period, area_code
