import { Alert, Center, Loader } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { call } from '../../../api/client';
import { useQuery } from '@tanstack/react-query';
import { shownInChinese } from '../../../api/query-client';
import { PdfViewer } from '../../../components/PdfViewer';
import { t } from '../../../i18n';
import classes from './AgreementEditor.module.css';

/** An effective agreement shows the signed original it was issued as (read back and checked against its hash). */
export function SignedPane({ caseId, documentId, kind }: { caseId: string; documentId: string; kind: 'written' | 'oral' }) {
  // Under the case, so it goes with the case's views; a document is written once, so nothing ever refetches it.
  const doc = useQuery({ queryKey: ['case', caseId, 'document', documentId], queryFn: shownInChinese(() => call('documents:read', { caseId, documentId })), meta: { immutable: true } });
  return (
    <div className={classes.preview}>
      {doc.error ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t.agreements.preview.noSigned}>
          {doc.error.message}
        </Alert>
      ) : doc.data ? (
        <PdfViewer pdfBase64={doc.data.pdfBase64} label={t.agreements.preview.signedTitle[kind]} height="100%" />
      ) : (
        <Center h="100%">
          <Loader />
        </Center>
      )}
    </div>
  );
}
