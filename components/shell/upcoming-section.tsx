import { Card, PageHeader } from "@/components/ui/card";

/** An empty section that says what will live in it, so the shell is navigable from day one. */
export function UpcomingSection({ title, description, items }: { title: string; description: string; items: string[] }) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <Card title="Coming to this section">
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </Card>
    </>
  );
}
