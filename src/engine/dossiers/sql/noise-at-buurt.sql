-- The latest road-traffic noise map of one buurt: the share of homes per Lden class.
SELECT year, class, share FROM main.noise_exposure
WHERE buurt_code = $buurt AND year = (SELECT max(year) FROM main.noise_exposure WHERE buurt_code = $buurt)
ORDER BY CASE class WHEN 'le55' THEN 0 WHEN '55_60' THEN 1 WHEN '60_65' THEN 2 WHEN '65_70' THEN 3 ELSE 4 END
