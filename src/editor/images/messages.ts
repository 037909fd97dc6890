/** Every sentence the picture store says, in one table, written for the person adding pictures. */
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const px = (w: number, h: number) => `${w}×${h}`;

export const pictureMessages = {
  tooManyBytes: (name: string, size: number, limit: number) =>
    `“${name}” is ${mb(size)}; a picture may be at most ${mb(limit)}. It was not added.`,
  notAPicture: (name: string) => `“${name}” is not a picture: Ganvas takes PNG, JPEG and WebP files. It was not added.`,
  otherFormat: (name: string, format: string) =>
    `“${name}” is a ${format} file: Ganvas takes PNG, JPEG and WebP pictures. Save it in one of those and add it again.`,
  damaged: (name: string, format: string) => `“${name}” looks like a ${format} but could not be read: the file seems damaged. It was not added.`,
  tooManyPixels: (name: string, w: number, h: number, limit: number) =>
    `“${name}” is ${px(w, h)} pixels, more than the ${Math.round(limit / 1e6)} megapixels Ganvas decodes. Make it smaller and add it again.`,
  downscaled: (name: string, w: number, h: number, to: { width: number; height: number }) =>
    `“${name}” is ${px(w, h)} pixels; it is used at ${px(to.width, to.height)}.`,
  noStorage: (detail: string) => `Pictures cannot be stored in this browser (${detail}); nothing was added.`,
  unreadable: (name: string) => `“${name}” could not be read; it was not added.`,
  alreadyInSet: (name: string) => `“${name}” is already in this set.`,
  foundMissing: (name: string) => `“${name}” is the picture this set was missing; it is back.`,
  assetDamaged: (name: string) => `The picture “${name}” in the file is damaged and was left out.`,
  assetMismatch: (name: string) => `The picture “${name}” in the file does not match its id and was left out.`,
  assetsLeftOut: (n: number) => `${n} picture${n === 1 ? '' : 's'} the graph names ${n === 1 ? 'is' : 'are'} not in this browser and ${n === 1 ? 'was' : 'were'} not included.`,
} as const;

export const formatName: Record<string, string> = { 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/webp': 'WebP' };
