import { redirect } from "next/navigation";

export default function MineSider() {
  redirect("/mine-sider/internett/e-postkontoer");
}
