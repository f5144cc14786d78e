/** A card alone in the middle of the screen, for the pages before the app (登录, 修改密码). */
import { Card } from 'antd';
import type { ReactNode } from 'react';

export function CenteredCard({ maxWidth, children }: { maxWidth: number; children: ReactNode }) {
  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        background: '#f0f2f5',
        padding: 16,
      }}
    >
      <Card style={{ width: '100%', maxWidth }}>{children}</Card>
    </main>
  );
}
