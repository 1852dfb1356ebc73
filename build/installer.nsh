; Seiho Desk installer hooks (included by electron-builder's NSIS script).
; The encrypted database and key store live in each user's application data folder and are never removed
; here: an uninstall or reinstall must not destroy case records. Erasure is an audited in-app operation.
!macro customInstall
  DetailPrint "生活保護ケースデスクをインストールしました。データフォルダは変更されません。"
!macroend

!macro customUnInstall
  DetailPrint "アプリケーションを削除しました。ケースデータ（暗号化済み）は保持されています。"
!macroend
