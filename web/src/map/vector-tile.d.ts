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
  /**
   * Reads a Mapbox Vector Tile: the map draws the server's tiles with it, and the server's
   * tests decode what it encodes (one declaration for both TypeScript projects: the server's
   * tests reference this file).
   */
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
