/**
 * A chart as a PNG: the same standalone SVG the "Download SVG" button saves, drawn by the
 * browser onto a canvas at twice its size (sharp on high-density screens and in slides).
 */

/** The PNG of an .svg file's text at `scale` times its width and height. */
export async function svgToPng(svgText: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const width = Math.round(image.naturalWidth * scale);
    const height = Math.round(image.naturalHeight * scale);
    if (width === 0 || height === 0) throw new Error('the chart has no size');
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw on a canvas');
    // Drawn at its final size, the vector image is rasterised sharp, not scaled up afterwards.
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((done, fail) =>
      canvas.toBlob(
        (blob) => (blob ? done(blob) : fail(new Error('the browser could not encode the PNG'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
