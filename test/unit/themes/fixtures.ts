/** A small area tree for the engine's unit tests: GM0001 → WK000101 (3 buurten), WK000102 (2 buurten). */
import { buildHierarchy, type AreaNode } from "../../../src/engine/themes/area-hierarchy.ts";

const node = (code: string, level: AreaNode["level"], parent: string | null, homes: number | null = null, surfaceKm2: number | null = 1): AreaNode => ({
  code,
  name: `name ${code}`,
  level,
  parent,
  surfaceKm2,
  homes,
  urbanity: null,
});

export const hierarchy = buildHierarchy({ code: "GM0001", name: "Testdorp" }, [
  node("GM0001", "gemeente", null),
  node("WK000101", "wijk", "GM0001"),
  node("WK000102", "wijk", "GM0001"),
  node("BU00010101", "buurt", "WK000101"),
  node("BU00010102", "buurt", "WK000101"),
  node("BU00010103", "buurt", "WK000101"),
  node("BU00010201", "buurt", "WK000102"),
  node("BU00010202", "buurt", "WK000102"),
]);

/** A count per buurt in one period, each unit one complaint; null code: outside every buurt. */
export const counts = (values: Record<string, number>, period = "2024") =>
  Object.entries(values).map(([code, value]) => ({
    areaCode: code === "none" ? null : code,
    areaName: null,
    period,
    value,
    weight: 1,
    units: value,
    coverage: 1,
  }));
