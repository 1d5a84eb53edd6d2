// @ts-nocheck
declare module '@mapbox/vector-tile' {
  export interface VectorTileFeature {
    type: 1 | 2 | 3;
    properties: Record<string, string | number | boolean>;
    extent: number;
    loadGeometry(): { x: number; y: number }[][];
    toGeoJSON(x: number, y: number, z: number): { geometry: { type: string; coordinates: unknown } };
  }
  export interface VectorTileLayer {
    name: string;
    length: number;
    extent: number;
    feature(i: number): VectorTileFeature;
  }
  /** Reads a Mapbox Vector Tile (used by the tests to decode what the server encodes). */
  export class VectorTile {
    constructor(pbf: unknown);
    layers: Record<string, VectorTileLayer>;
  }
}
declare module 'pbf' {
  export default class Pbf {
    constructor(buf?: Uint8Array);
  }
}
