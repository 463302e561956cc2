// The 证据材料 card's words, kept with the feature (registered under `attachments` in i18n/index.ts).

export const attachmentsZhCN = {
  title: '证据材料',
  empty: '暂无证据材料',
  add: '上传材料',
  hint: '支持照片、PDF、Word/Excel 文档和录音；照片会去除拍摄位置等信息',
  description: '说明（选填）',
  descriptionPlaceholder: '如：3单元楼道漏水现场照片',
  personal: '含个人信息（如身份证、借条），仅对已接受邀请的单位显示',
  personalTag: '含个人信息',
  uploading: '正在上传 {{name}}',
  uploaded: '已上传 {{name}}',
  failed: '{{name}} 上传失败：{{message}}',
  by: '{{author}} · {{organization}} · {{time}}',
  byResident: '居民网上说事时附带 · {{time}}',
  download: '下载',
  sha256: 'SHA-256 校验值',
  kind: { IMAGE: '图片', PDF: 'PDF', DOCUMENT: '文档', AUDIO: '录音' },
};

export const attachmentsEn: typeof attachmentsZhCN = {
  title: 'Evidence',
  empty: 'No evidence yet',
  add: 'Upload a file',
  hint: 'Photos, PDF, Word/Excel documents and audio; photos are stripped of location and camera data',
  description: 'Description (optional)',
  descriptionPlaceholder: 'e.g. photos of the leak in stairwell 3',
  personal: 'Holds personal data (ID card, IOU): shown only to agencies that accepted',
  personalTag: 'Personal data',
  uploading: 'Uploading {{name}}',
  uploaded: 'Uploaded {{name}}',
  failed: 'Could not upload {{name}}: {{message}}',
  by: '{{author}} · {{organization}} · {{time}}',
  byResident: 'Attached by the resident to the online report · {{time}}',
  download: 'Download',
  sha256: 'SHA-256 checksum',
  kind: { IMAGE: 'Image', PDF: 'PDF', DOCUMENT: 'Document', AUDIO: 'Audio' },
};
