import type { Strings } from '../../i18n';
import type { exportMessages } from './ExportsPage';

export default {
  heading: 'Exports',
  intro: 'Export every record received for the current campaign. The download uses your sign-in; the file passes through no third party.',
  csv: 'CSV table',
  csvFor:
    'One row per record, ids turned into labels, a column per dimension and check; confidential parts stay encrypted. Opens in WPS, Excel or statistics software for your own sums and checks.',
  xlsx: 'Excel workbook (XLSX)',
  xlsxFor: 'The same table as an Excel workbook, for printing, filing and reporting upwards.',
  jsonl: 'Notary file (JSONL)',
  jsonlFor:
    'The records byte for byte as received, with the device signatures, the signed audit-log checkpoint and the signed tally. A notary runs npm run verify on it to check signatures and chains and recompute the root hash and the tally independently.',
  archive: 'Evidence archive (ZIP)',
  archiveFor:
    'For filing at the end of a campaign: the notary file, every photo (covert ones still encrypted), every version of the campaign definition, the office actions, a manifest with hashes signed by the server, and a README in Chinese on verifying and decrypting. npm run verify checks the whole archive.',
  download: 'Download',
} satisfies Strings<typeof exportMessages>;
