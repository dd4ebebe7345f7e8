import { Providers } from './Providers';
import { AppGate } from './AppGate';

export function App() {
  return (
    <Providers>
      <AppGate />
    </Providers>
  );
}
