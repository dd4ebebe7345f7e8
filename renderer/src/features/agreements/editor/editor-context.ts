import type { Party } from '../../../../../electron/shared/domain/party';
import { createSafeContext } from '../../../lib/safe-context';
import { type FieldPath, type IssueIndex, fieldId } from './field-paths';

/** What every field of the agreement form needs: the live check results, whether it may be changed, the parties. */
export interface EditorContextValue {
  issues: IssueIndex;
  readOnly: boolean;
  parties: readonly Party[];
}

const [EditorContextProvider, useEditorContext] = createSafeContext<EditorContextValue>('AgreementEditor component was not found in tree');
export { EditorContextProvider, useEditorContext };

/** Props for a Mantine input at `path`: its id (the checks focus it), the check's error in place, read-only. */
export function useField(path: FieldPath): { id: string; error: string | undefined; readOnly: boolean } {
  const { issues, readOnly } = useEditorContext();
  return { id: fieldId(path), error: issues.errorAt(path), readOnly };
}
