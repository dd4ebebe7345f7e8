import 'dayjs/locale/zh-cn';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { createQueryClient } from '../api/query-client';
import { theme } from './theme';

dayjs.locale('zh-cn');

export interface ProvidersProps {
  /** 'test' turns off transitions and portals, as Mantine recommends for jsdom tests @default 'default' */
  env?: 'default' | 'test';
  /** The query cache @default a new one per mount (each test starts empty) */
  queryClient?: QueryClient;
  children: ReactNode;
}

/**
 * Mantine, dates (Chinese calendar, weeks start on Monday), notifications and the query cache; shared by the app and
 * the tests.
 */
export function Providers({ env = 'default', queryClient, children }: ProvidersProps) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={client}>
      <MantineProvider theme={theme} forceColorScheme="light" env={env}>
        <DatesProvider settings={{ locale: 'zh-cn', firstDayOfWeek: 1 }}>
          <Notifications position="top-right" limit={4} />
          {children}
        </DatesProvider>
      </MantineProvider>
    </QueryClientProvider>
  );
}
