// Enumerations copied from Sensay's OpenAPI document (KnowledgeBaseLanguage and the
// file MIME types of PATCH .../knowledge-base/{id}); test/schemas checks they still match.
export const KNOWLEDGE_BASE_LANGUAGES = [
  'ab', 'aa', 'af', 'ak', 'sq', 'am', 'ar', 'an', 'hy', 'as', 'av', 'ae', 'ay', 'az', 'ba', 'bm', 'eu', 'be', 'bn',
  'bh', 'bi', 'bs', 'br', 'bg', 'my', 'ca', 'ch', 'ce', 'ny', 'zh', 'cu', 'cv', 'kw', 'co', 'cr', 'hr', 'cs', 'da',
  'dv', 'nl', 'dz', 'en', 'eo', 'et', 'ee', 'fo', 'fj', 'fi', 'fr', 'ff', 'gl', 'ka', 'de', 'el', 'kl', 'gn', 'gu',
  'ht', 'ha', 'he', 'hz', 'hi', 'ho', 'hu', 'is', 'io', 'ig', 'id', 'ia', 'ie', 'iu', 'ik', 'ga', 'it', 'ja', 'jv',
  'kn', 'kr', 'ks', 'kk', 'km', 'ki', 'rw', 'ky', 'kv', 'kg', 'ko', 'ku', 'kj', 'la', 'lb', 'lg', 'li', 'ln', 'lo',
  'lt', 'lu', 'lv', 'gv', 'mk', 'mg', 'ms', 'ml', 'mt', 'mi', 'mr', 'mh', 'mn', 'na', 'nv', 'nd', 'ne', 'ng', 'nb',
  'nn', 'no', 'ii', 'nr', 'oc', 'oj', 'om', 'or', 'os', 'pa', 'pi', 'fa', 'pl', 'ps', 'pt', 'qu', 'rm', 'rn', 'ro',
  'ru', 'sa', 'sc', 'sd', 'se', 'sm', 'sg', 'sr', 'gd', 'sn', 'si', 'sk', 'sl', 'so', 'st', 'es', 'su', 'sw', 'ss',
  'sv', 'ta', 'te', 'tg', 'th', 'ti', 'bo', 'tk', 'tl', 'tn', 'to', 'tr', 'ts', 'tt', 'tw', 'ty', 'ug', 'uk', 'ur',
  'uz', 've', 'vi', 'vo', 'wa', 'cy', 'wo', 'xh', 'yi', 'yo', 'za', 'zu'
] as const

export const FILE_MIME_TYPES = [
  'application/epub+zip', 'application/json', 'application/msword', 'application/pdf', 'application/rtf',
  'application/vnd.ms-excel', 'application/vnd.ms-excel.sheet.binary.macroenabled.12',
  'application/vnd.ms-excel.sheet.macroEnabled.12', 'application/vnd.ms-powerpoint',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/x-sas-data',
  'application/x-sas-xport', 'application/x-stata', 'application/x-stata-dta', 'application/yaml', 'audio/aac',
  'audio/flac', 'audio/mp3', 'audio/mpeg', 'audio/ogg', 'audio/wav', 'image/bmp', 'image/heic', 'image/heif',
  'image/jpeg', 'image/png', 'image/tif', 'image/tiff', 'image/webp', 'text/css', 'text/csv', 'text/html',
  'text/javascript', 'text/markdown', 'text/plain', 'text/tab-separated-values', 'text/xml', 'video/avi',
  'video/mov', 'video/mp4', 'video/mpeg', 'video/mpg', 'video/quicktime', 'video/webm', 'video/x-matroska',
  'video/x-msvideo'
] as const
