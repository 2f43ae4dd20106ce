-- Share of homes with road-traffic noise at or above $threshold dB Lden (a class boundary: 55, 60,
-- 65 or 70), per buurt and noise-map year.
SELECT n.buurt_code AS area_code, coalesce(a.name, n.buurt_code) AS area_name, n.year::VARCHAR AS period,
       round(100 * coalesce(sum(n.share) FILTER (WHERE CASE n.class WHEN 'le55' THEN 0 WHEN '55_60' THEN 55 WHEN '60_65' THEN 60 WHEN '65_70' THEN 65 ELSE 70 END >= $threshold), 0), 2) AS value,
       1.0 AS coverage
FROM main.noise_exposure n LEFT JOIN main.areas a ON a.code = n.buurt_code
GROUP BY ALL
ORDER BY period, area_code
