/** Hands bytes to the browser as a download with the given file name. */
export function download(name: string, bytes: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  // Late enough for the download to have started reading the blob.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
