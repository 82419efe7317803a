export default function Page() {
  return (
    <main>
      <h1>Interdomain Playground</h1>
      <p>How Xen guests talk: AF_VSOCK over per-peer shared rings, brokered by a connection manager.</p>
    </main>
  );
}
