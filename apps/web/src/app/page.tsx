import { redirect } from 'next/navigation';

/** The chat is the home page. */
export default function Home(): never {
  redirect('/chat');
}
