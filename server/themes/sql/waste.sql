-- Household waste per year: residual kg per inhabitant, or the separated share in percent.
SELECT $gm AS area_code, year::VARCHAR AS period,
       CASE $measure WHEN 'residual' THEN residual_kg_per_inhabitant WHEN 'separation' THEN round(100 * separation_share, 1) END AS value
FROM main.waste ORDER BY period
