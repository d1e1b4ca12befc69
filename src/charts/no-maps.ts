/**
 * What the page's build puts in place of d3-geo (vite.config.ts): Observable Plot imports its
 * map projections and geographic paths, 12 kB gzip on the way to the first chart, but calls
 * them only for a chart with a `projection` or a geo mark, and a chart cell can ask for
 * neither (charts/spec.ts). These are the names Plot imports; each says so if ever called.
 * The command line and the Node tests use the real d3-geo, and the chart tests compare the
 * page's SVG with theirs.
 */
function noMaps(): never {
  throw new Error('Statecraft Notebook draws no maps: map projections are not part of the app.');
}

export const geoAlbers = noMaps;
export const geoAlbersUsa = noMaps;
export const geoAzimuthalEqualArea = noMaps;
export const geoAzimuthalEquidistant = noMaps;
export const geoCentroid = noMaps;
export const geoClipRectangle = noMaps;
export const geoConicConformal = noMaps;
export const geoConicEqualArea = noMaps;
export const geoConicEquidistant = noMaps;
export const geoEqualEarth = noMaps;
export const geoEquirectangular = noMaps;
export const geoGnomonic = noMaps;
export const geoGraticule10 = noMaps;
export const geoMercator = noMaps;
export const geoOrthographic = noMaps;
export const geoPath = noMaps;
export const geoStereographic = noMaps;
export const geoStream = noMaps;
/** Plot makes one transform when it loads (its reflectY); only using it draws a map. */
export const geoTransform = (): { stream: typeof noMaps } => ({ stream: noMaps });
export const geoTransverseMercator = noMaps;
