// @ts-nocheck
declare module 'vt-pbf' {
  /** Serialises geojson-vt tiles, one per layer name, to a Mapbox Vector Tile (protobuf). */
  export function fromGeojsonVt(layers: Record<string, unknown>, options?: { version?: number; extent?: number }): Uint8Array;
}
