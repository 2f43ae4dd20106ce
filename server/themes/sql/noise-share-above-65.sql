-- Share of homes with road-traffic noise above 65 dB Lden, per buurt and noise-map year.
SELECT n.buurt_code AS area_code, coalesce(a.name, n.buurt_code) AS area_name, n.year::VARCHAR AS period,
       round(100 * sum(n.share) FILTER (WHERE n.class IN ('65_70', 'gt70')), 2) AS value, 1.0 AS coverage
FROM main.noise_exposure n LEFT JOIN main.areas a ON a.code = n.buurt_code
GROUP BY ALL
ORDER BY period, area_code
