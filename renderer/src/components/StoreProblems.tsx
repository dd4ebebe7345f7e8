import { Alert, List } from '@mantine/core';
import { IconAlertOctagon } from '@tabler/icons-react';
import { t } from '../i18n';

/**
 * Problems the host found in the data directory (quarantined files), in red on every screen including setup and
 * sign-in: a quarantined settings file would otherwise look like a fresh install.
 */
export function StoreProblems({ problems }: { problems: readonly string[] }) {
  if (problems.length === 0) return null;
  return (
    <Alert color="red" variant="filled" title={t.app.storeProblemsTitle} icon={<IconAlertOctagon />} mb="lg" role="alert">
      <List size="sm" c="white">
        {problems.map((problem) => (
          <List.Item key={problem}>{problem}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
