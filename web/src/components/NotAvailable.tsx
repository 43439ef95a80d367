export function NotAvailable({ what }: { what: string }) {
  return (
    <p className="not-available" role="note">
      {what} {what.endsWith('s') ? 'are' : 'is'} not available on this server yet.
    </p>
  );
}
