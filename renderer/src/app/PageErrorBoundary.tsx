import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { t } from '../i18n';
import { ChunkLoadError } from './lazy-page';

export interface PageErrorBoundaryProps {
  /** The screen shown: a new one clears the error (the header and navigation around it keep working). */
  resetKey: string;
  /** Reloads the app @default () => window.location.reload() */
  onReload?: () => void;
  children: ReactNode;
}

interface State {
  error: unknown;
  /** The screen the error belongs to. */
  errorKey: string | null;
}

const reloadApp = () => window.location.reload();

/**
 * Around the current screen, inside the layout: a screen whose code cannot be loaded (ChunkLoadError), or that fails
 * while rendering, is replaced by a message in Chinese with a 重新加载 button, never a blank window. Going to another
 * screen from the navigation clears it.
 */
export class PageErrorBoundary extends Component<PageErrorBoundaryProps, State> {
  override state: State = { error: null, errorKey: null };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: PageErrorBoundaryProps, state: State): Partial<State> | null {
    if (state.error === null) return null;
    if (state.errorKey === null) return { errorKey: props.resetKey };
    return state.errorKey === props.resetKey ? null : { error: null, errorKey: null };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('[page] the screen failed', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    const chunk = error instanceof ChunkLoadError;
    return (
      <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title={chunk ? t.app.pageLoadFailed : t.app.pageFailed} role="alert" maw={640} mx="auto" mt="xl">
        <Stack gap="sm" align="flex-start">
          <Text fz="sm">{chunk ? t.app.pageLoadFailedBody : t.app.pageFailedBody}</Text>
          <Button size="sm" leftSection={<IconRefresh size={16} />} onClick={this.props.onReload ?? reloadApp}>
            {t.app.reload}
          </Button>
        </Stack>
      </Alert>
    );
  }
}
