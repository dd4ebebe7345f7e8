#!/usr/bin/env bash
# One-time setup on a fresh machine: system packages the tests and documents need, then npm dependencies.
# Electron's binary is downloaded where the network allows; where it cannot be (offline mirrors, this
# project's CI), the install falls back to skipping it and `npm start` opens the browser mode instead.
set -euo pipefail
cd "$(dirname "$0")/.."

# postgresql: the PostgreSQL case store's tests start a throwaway cluster of their own (tests/fixtures/postgres.ts);
# the package's own cluster service is not used.
APT_PACKAGES="chromium xvfb xauth fonts-noto-cjk fonts-liberation2 poppler-utils qpdf libreoffice-writer-nogui postgresql"

if command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1; then
  missing=""
  for pkg in $APT_PACKAGES; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
  done
  if [ -n "$missing" ]; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    echo "» 安装系统依赖:$missing"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
  fi
else
  echo "» 非 Debian 系统：请自行安装 Chromium、poppler-utils、qpdf、LibreOffice Writer、PostgreSQL 15 和 Noto CJK 字体"
  echo "  （例如 Fedora: sudo dnf install chromium poppler-utils qpdf libreoffice-writer postgresql-server google-noto-serif-cjk-fonts liberation-serif-fonts；PostgreSQL 不在 /usr/lib/postgresql/15/bin 时设置 MW_PG_BIN）"
fi

install() {
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund "$@"; else npm install --no-audit --no-fund "$@"; fi
}

if [ "${ELECTRON_SKIP_BINARY_DOWNLOAD:-}" = "1" ]; then
  install
elif ! install; then
  echo "» 无法下载 Electron 程序（网络受限）。改为跳过 Electron 下载继续安装；npm start 将以浏览器模式运行。"
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 install
fi
echo "» 安装完成。运行 npm start 启动调解工作台。"
