-- The latest complete day of each station and pollutant, with its mean: UTC days, each hour dated by
-- its start, a day counted only with enough of its hours measured (meta.hour_start and
-- meta.is_valid_day, src/store/domain-rules.sql; as in src/engine/stations/sql/daily-means.sql). Only the
-- last days are read, so this stays cheap on years of hourly data; a station silent for longer has no
-- latest day here (and its alert resolves).
WITH recent AS (
  SELECT station_number, formula, CAST(meta.hour_start(timestamp_measured) AS DATE) AS day, value
  FROM main.air_quality_measurements
  WHERE timestamp_measured > (SELECT max(timestamp_measured) FROM main.air_quality_measurements) - INTERVAL 3 DAY
),
daily AS (
  SELECT station_number, formula, day, avg(value) AS mean
  FROM recent
  GROUP BY station_number, formula, day
  HAVING meta.is_valid_day(count(*))
)
SELECT d.station_number, coalesce(s.location, d.station_number) AS station_name, d.formula, strftime(d.day, '%Y-%m-%d') AS day, d.mean
FROM daily d LEFT JOIN main.air_quality_stations s ON s.number = d.station_number
QUALIFY row_number() OVER (PARTITION BY d.station_number, d.formula ORDER BY d.day DESC) = 1
ORDER BY d.station_number, d.formula
