import { useState } from 'react';
import { Alert, Button, Center, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconKey, IconPrinter } from '@tabler/icons-react';
import { t } from '../../i18n';
import { clock } from '../../lib/clock';
import classes from './RecoveryKeySheet.module.css';

/**
 * The recovery key, shown once (after setup, or when an administrator's sign-in starts encrypting an older folder)
 * as a sheet to print for the center's safe. The person must say it is printed or copied before going on: the host
 * keeps no clear copy, so this screen is the only chance.
 */
export function RecoveryKeySheet({ centerName, recoveryKey, onDone }: { centerName: string; recoveryKey: string; onDone: () => void }) {
  const [kept, setKept] = useState(false);
  const groups = recoveryKey.split('-');
  return (
    <Center mih="100vh" p="md" className={classes.page}>
      <Paper w={640} p={40} shadow="md" withBorder className={classes.sheet}>
        <Stack gap="lg">
          <Group gap="sm">
            <IconKey size={28} aria-hidden />
            <Title order={2}>{t.keys.sheet.title}</Title>
          </Group>
          <Text>{t.keys.sheet.intro}</Text>
          <Stack gap={4}>
            <Text fz="sm" c="dimmed">
              {t.keys.sheet.center}：{centerName}　　{t.keys.sheet.made}：{clock.today()}
            </Text>
            <Text fz="sm" fw={600} id="recovery-key-label">
              {t.keys.sheet.keyLabel}
            </Text>
            <div className={classes.key} aria-labelledby="recovery-key-label" data-testid="recovery-key">
              {groups.map((g, i) => (
                <span key={i} className={classes.group}>
                  {g}
                </span>
              ))}
            </div>
          </Stack>
          <Alert color="yellow" variant="light">
            <Text fz="sm">{t.keys.sheet.keep}</Text>
            <Text fz="sm" mt={6} fw={600}>
              {t.keys.sheet.never}
            </Text>
          </Alert>
          <Text className={classes.printOnly}>{t.keys.sheet.signLine}</Text>
          <Group justify="space-between" className={classes.noPrint}>
            <Button variant="default" leftSection={<IconPrinter size={18} />} onClick={() => window.print()}>
              {t.keys.sheet.print}
            </Button>
            <Group>
              <Checkbox label={t.keys.sheet.confirm} checked={kept} onChange={(e) => setKept(e.currentTarget.checked)} />
              <Button disabled={!kept} onClick={onDone}>
                {t.keys.sheet.next}
              </Button>
            </Group>
          </Group>
        </Stack>
      </Paper>
    </Center>
  );
}
