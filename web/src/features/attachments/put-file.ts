/** PUTs the bytes to the signed URL, reporting progress; resolves with the api's JSON answer. */
export function putFile(url: string, file: File, onProgress: (percent: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      let message = `HTTP ${xhr.status}`;
      try {
        message = (JSON.parse(xhr.responseText) as { errors?: { message: string }[] }).errors?.[0]?.message ?? message;
      } catch {
        /* not JSON: keep the status */
      }
      reject(new Error(message));
    };
    xhr.onerror = () => reject(new Error('network error'));
    xhr.send(file);
  });
}
