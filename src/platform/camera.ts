/**
 * The browser's image codec, behind a small interface so that the photo pipeline (store/photos.ts)
 * can be tested without a real decoder. Photos come from `<input type=file accept=image/*
 * capture=environment>`: the camera app on a tablet, or the file picker.
 */

export interface DecodedImage {
  width: number;
  height: number;
  /** What encodeJpeg draws; for the browser codec an ImageBitmap. */
  source: unknown;
  close(): void;
}

export interface PhotoCodec {
  /** Decodes a picked file, already turned upright by its EXIF orientation. */
  decode(file: Blob): Promise<DecodedImage>;
  /** Draws the image at width × height and encodes it as JPEG (canvas output carries no EXIF). */
  encodeJpeg(image: DecodedImage, width: number, height: number, quality: number): Promise<Blob>;
}

/** The codec of the running browser: createImageBitmap + OffscreenCanvas (or a canvas element). */
export function browserPhotoCodec(): PhotoCodec {
  return {
    async decode(file) {
      if (typeof createImageBitmap !== 'function') throw new Error('this browser cannot decode images (no createImageBitmap)');
      // 'from-image' applies the EXIF orientation before the EXIF block is dropped by re-encoding.
      const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
      return { width: bitmap.width, height: bitmap.height, source: bitmap, close: () => bitmap.close() };
    },
    async encodeJpeg(image, width, height, quality) {
      const bitmap = image.source as ImageBitmap;
      if (typeof OffscreenCanvas === 'function') {
        const canvas = new OffscreenCanvas(width, height);
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('no 2d canvas');
        ctx.imageSmoothingQuality = 'high';
        ctx.drawImage(bitmap, 0, 0, width, height);
        return canvas.convertToBlob({ type: 'image/jpeg', quality });
      }
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d canvas');
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(bitmap, 0, 0, width, height);
      return new Promise<Blob>((resolve, reject) =>
        canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the canvas produced no JPEG'))), 'image/jpeg', quality),
      );
    },
  };
}
