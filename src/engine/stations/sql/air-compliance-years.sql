-- The years with measurements of the judged pollutants ($formulas), newest first, each with the best
-- share of its hours any station measured of one pollutant: a year whose best share meets the
-- data-capture rule has an annual mean that can be judged.
WITH per_station AS (
  SELECT station_number, formula, year(meta.hour_start(timestamp_measured)) AS year, count(*) AS hours
  FROM main.air_quality_measurements
  WHERE formula IN (SELECT unnest(json_transform($formulas::JSON, '["VARCHAR"]')))
  GROUP BY station_number, formula, year
)
SELECT year::INTEGER AS year,
       max(hours) / datediff('hour', make_timestamp(year, 1, 1, 0, 0, 0), make_timestamp(year + 1, 1, 1, 0, 0, 0)) AS best_coverage
FROM per_station
GROUP BY year
ORDER BY year DESC
