import 'dayjs/locale/zh-cn';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { theme } from './theme';

dayjs.locale('zh-cn');

export interface ProvidersProps {
  /** 'test' turns off transitions and portals, as Mantine recommends for jsdom tests @default 'default' */
  env?: 'default' | 'test';
  children: ReactNode;
}

/** Mantine, dates (Chinese calendar, weeks start on Monday) and notifications; shared by the app and the tests. */
export function Providers({ env = 'default', children }: ProvidersProps) {
  return (
    <MantineProvider theme={theme} forceColorScheme="light" env={env}>
      <DatesProvider settings={{ locale: 'zh-cn', firstDayOfWeek: 1 }}>
        <Notifications position="top-right" limit={4} />
        {children}
      </DatesProvider>
    </MantineProvider>
  );
}
