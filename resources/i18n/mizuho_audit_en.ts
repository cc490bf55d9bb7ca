<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ja">
<context>
    <name>App</name>
    <message>
        <location filename="../../mizuho_audit/app.py" line="29"/>
        <source>画面（ディスプレイ）がありません。画面のない環境では `mizuho-audit demo --dir DIR` でデモを作成できます。</source>
        <translation>There is no screen (display). Without a screen, `mizuho-audit demo --dir DIR` creates a demo.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/app.py" line="229"/>
        <source> もう一度入力してください。</source>
        <translation> Please enter it again.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/app.py" line="234"/>
        <location filename="../../mizuho_audit/app.py" line="291"/>
        <location filename="../../mizuho_audit/app.py" line="322"/>
        <source>データベースを開けません</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/app.py" line="235"/>
        <source>パスフレーズが違います。</source>
        <translation>The passphrase is wrong.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/app.py" line="257"/>
        <location filename="../../mizuho_audit/app.py" line="261"/>
        <location filename="../../mizuho_audit/app.py" line="307"/>
        <source>データベースは使用中です</source>
        <translation>The database is in use</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/app.py" line="258"/>
        <source>{0}

引き継いで開きますか？ その人がまだ入力中でないことを確かめてから引き継いでください（いいえ: 読み取り専用で開くかを選べます）。</source>
        <translation>{0}

Take it over and open it? Make sure that person is no longer entering answers before you take it over (No: you can choose to open it read-only).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/app.py" line="262"/>
        <source>{0}

読み取り専用で開きますか？ 回答を見ることはできますが、変更はできません。</source>
        <translation>{0}

Open it read-only? You can see the answers but not change them.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/app.py" line="315"/>
        <source>チェックリストを読み込めません</source>
        <translation>Cannot load the checklist</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/app.py" line="316"/>
        <source>チェックリストまたは部署マスタのファイルに問題が {0} 件あります。管理者に連絡してください。</source>
        <translation>The checklist or department master files have {0} problem(s). Please contact the administrator.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/app.py" line="363"/>
        <source>予期しないエラー</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/app.py" line="364"/>
        <source>予期しないエラーが起きました（プログラムの不具合です）。直前の操作は完了していない可能性があります。入力済みの回答は保存されています。
詳しい記録: {0}</source>
        <translation>An unexpected error occurred (a fault in the program). The last action may not have been completed. The answers you entered are saved.
Details: {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/app.py" line="390"/>
        <source>瑞穂町 情報セキュリティ自己点検</source>
        <translation>Mizuho Town Information Security Self-Inspection</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/start_dialogs.py" line="120"/>
        <source>この監査担当用データベースは、アプリの外で（SQLite の道具などで）変更された疑いがあります（見つかった問題 {0} 件、「詳細」に一覧）。

このまま使うと、変更された提出・判断・指摘事項が報告書などに入るおそれがあるため、通常どおりには開きません。

・読み取り専用で開く: 内容を確かめられます。取込・判断・指摘事項の変更、報告書などの作成はできません。
・バックアップから復元: 自動バックアップから選んで戻します（今のファイルは別の名前で残します）。</source>
        <translation>This auditor&apos;s database may have been changed outside the app (with an SQLite tool or the like): {0} problems found, listed under “Details”.

If it were used as it is, changed submissions, decisions or findings could end up in reports, so it is not opened as usual.

• Open read-only: look at the contents. Nothing can be imported, decided or changed, and no report can be made.
• Restore from backup: choose an automatic backup to go back to (the current file is kept under another name).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/start_dialogs.py" line="129"/>
        <source>読み取り専用で開く</source>
        <translation>Open read-only</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/start_dialogs.py" line="129"/>
        <source>バックアップから復元…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/start_dialogs.py" line="130"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/start_dialogs.py" line="131"/>
        <source>データベースに改ざんの疑いがあります</source>
        <translation>The database may have been tampered with</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/start_dialogs.py" line="144"/>
        <source>改ざん検出の封印</source>
        <translation>Tamper-detection seal</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/start_dialogs.py" line="145"/>
        <source>この監査担当用データベースに、改ざん検出の封印をしました（以前の版のアプリで作られたため）。これより前の記録は、封印した時点の内容を正しいものとして扱います。以前にも封印済みだったはずのデータベースなら、改ざんの疑いがあります。</source>
        <translation>This auditor&apos;s database has been sealed for tamper detection (it was made by an earlier version of the app). Records from before are taken as they were when sealed. If this database should already have been sealed before, it may have been tampered with.</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="93"/>
        <source>提出の承認</source>
        <translation>Approve the submission</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="96"/>
        <source>提出すると回答は確定し、変更できなくなります（変更するには、承認者が提出を取り消します）。
情報セキュリティ管理者が回答の内容を確認し、承認したうえで提出してください。</source>
        <translation>Once submitted, the answers are final and can no longer be changed (to change them, the approver withdraws the submission).
The information security manager should review and approve the answers before they are submitted.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="100"/>
        <source>承認者の氏名</source>
        <translation>Approver&apos;s name</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="101"/>
        <source>例: 瑞穂 太郎</source>
        <translation>e.g. Taro Mizuho</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="103"/>
        <source>承認者の職名</source>
        <translation>Approver&apos;s title</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="104"/>
        <source>例: 住民課長</source>
        <translation>e.g. Head of Residents Division</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="106"/>
        <source>承認日</source>
        <translation>Approval date</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="116"/>
        <source>氏名(&amp;N):</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="116"/>
        <source>職名(&amp;T):</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="120"/>
        <source>承認日(&amp;D):</source>
        <translation>Approval &amp;date:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="125"/>
        <source>署名に使う証明書から氏名・職名を入れる(&amp;C)…</source>
        <translation>Fill in from the signing &amp;certificate…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="126"/>
        <source>証明書（PKCS#12）で署名した提出ファイルは、承認者が証明書の本人のときだけ監査担当に受け付けられます。</source>
        <translation>A submission file signed with a certificate (PKCS#12) is accepted by the auditor only when the approver is the certificate&apos;s holder.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="133"/>
        <source>承認して提出</source>
        <translation>Approve and submit</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="134"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="146"/>
        <source>（{0}）</source>
        <translation>({0})</translation>
    </message>
</context>
<context>
    <name>AssignmentActions</name>
    <message>
        <location filename="../../mizuho_audit/ui/assignment_actions.py" line="36"/>
        <source>担当の割り当て(&amp;T)…</source>
        <translation>&amp;Assignments of chapters and items…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignment_actions.py" line="37"/>
        <source>章・項目を職員に割り当てる、人事異動で引き継ぐ（課の情報セキュリティ責任者）</source>
        <translation>Assign chapters and items to staff, hand them over on a personnel transfer (the division&apos;s information security officer)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignment_actions.py" line="71"/>
        <source>自分の担当 {0} 項目を表示しています（すべての項目は「表示する項目」で「すべて」を選びます）。</source>
        <translation>Showing your {0} assigned items (to see every item, choose &quot;All&quot; under the items shown).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignment_actions.py" line="82"/>
        <source>担当の割り当て</source>
        <translation>Assignments</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignment_actions.py" line="82"/>
        <source>先に年度と部署を選んでください。</source>
        <translation>Choose the fiscal year and the department first.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignment_actions.py" line="89"/>
        <source>担当の割り当てを開けません</source>
        <translation>Cannot open the assignments</translation>
    </message>
</context>
<context>
    <name>AssignmentsDialog</name>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="44"/>
        <source>担当の割り当て（{0}&#x3000;{1}）</source>
        <translation>Assignments ({0}, {1})</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="47"/>
        <source>課の情報セキュリティ責任者が、章または項目を職員に割り当てます。章の担当はその章の項目すべてに及び、項目に割り当てた担当は章の担当より優先します。割り当て・取消し・引継ぎは、割り当てた人の氏名と職名とともに操作履歴に記録されます。</source>
        <translation>The division&apos;s information security officer assigns chapters or items to staff. A chapter&apos;s assignment covers all its items; an item&apos;s own assignment takes precedence over its chapter&apos;s. Every assignment, removal and handover is recorded in the operation log with the name and title of the person assigning.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="54"/>
        <source>（未設定: 回答者の名前を入力してください）</source>
        <translation>(not set: enter the respondent&apos;s name)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="55"/>
        <source>割り当てる人</source>
        <translation>Person assigning</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="56"/>
        <source>割り当てる人:</source>
        <translation>Person assigning:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="58"/>
        <source>割り当てる人の職名</source>
        <translation>Title of the person assigning</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="59"/>
        <source>職名(&amp;J):</source>
        <translation>Tit&amp;le:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="65"/>
        <source>章・項目と担当</source>
        <translation>Chapters and items with their assignees</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="66"/>
        <source>章・項目</source>
        <translation>Chapter / item</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="66"/>
        <source>担当</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="73"/>
        <source>Ctrl や Shift を押しながら選ぶと、いくつもの章・項目を一度に割り当てられます</source>
        <translation>Hold Ctrl or Shift to choose several chapters and items at once</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="79"/>
        <source>担当者の氏名</source>
        <translation>Name of the assignee</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="81"/>
        <source>担当者(&amp;N):</source>
        <translation>Assig&amp;nee:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="83"/>
        <source>選んだ章・項目に割り当てる(&amp;G)</source>
        <translation>Assi&amp;gn to the chosen chapters and items</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="85"/>
        <source>割り当てを取り消す(&amp;D)</source>
        <translation>Remove the assignment (&amp;D)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="94"/>
        <source>担当者ごとの進み具合</source>
        <translation>Progress per assignee</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="95"/>
        <source>担当者</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="95"/>
        <source>回答済み / 項目数</source>
        <translation>Answered / items</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="100"/>
        <source>人事異動などでの引継ぎ（その人の担当をすべて、一度に）</source>
        <translation>Handover on a personnel transfer (all of the person&apos;s assignments at once)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="103"/>
        <source>引き継ぐ人</source>
        <translation>Person handing over</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="106"/>
        <source>引き継ぐ先の人</source>
        <translation>Person taking over</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="107"/>
        <source>人事異動</source>
        <translation>Personnel transfer</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="108"/>
        <source>引継ぎの理由</source>
        <translation>Reason for the handover</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="110"/>
        <source>引き継ぐ人(&amp;F):</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="110"/>
        <source>引き継ぐ先(&amp;T):</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="111"/>
        <source>理由(&amp;E):</source>
        <translation>R&amp;eason:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="116"/>
        <source>引き継ぐ(&amp;O)</source>
        <translation>Hand &amp;over</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="121"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="146"/>
        <source>（章: {0}）</source>
        <translation>(chapter: {0})</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="155"/>
        <source>（担当なし）</source>
        <translation>(unassigned)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="155"/>
        <source>{0} 項目</source>
        <translation>{0} items</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="205"/>
        <source>章・項目を選んでください</source>
        <translation>Choose chapters or items</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="206"/>
        <source>割り当てる（取り消す）章または項目を一覧で選んでください。</source>
        <translation>Choose the chapters or items to assign (or to remove) in the list.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="214"/>
        <source>担当の割り当て</source>
        <translation>Assignments</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="225"/>
        <source>割り当てられません</source>
        <translation>Cannot assign</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="227"/>
        <source>{0} さんに割り当てました（変更 {1} 件）。</source>
        <translation>Assigned to {0} ({1} changed).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="237"/>
        <source>取り消せません</source>
        <translation>Cannot remove</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="239"/>
        <source>担当の割り当てを取り消しました（{0} 件）。</source>
        <translation>Removed {0} assignment(s).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="244"/>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="252"/>
        <source>引き継げません</source>
        <translation>Cannot hand over</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="244"/>
        <source>担当のある人がいません。</source>
        <translation>Nobody has assignments.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="246"/>
        <source>{0} さんの担当をすべて {1} さんに引き継ぎます（理由: {2}）。よろしいですか。</source>
        <translation>Hand all assignments of {0} over to {1} (reason: {2})?</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="247"/>
        <source>担当の引継ぎ</source>
        <translation>Handover</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/assignments_dialog.py" line="254"/>
        <source>{0} さんの担当 {1} 件を {2} さんに引き継ぎました。</source>
        <translation>Handed {1} assignment(s) of {0} over to {2}.</translation>
    </message>
</context>
<context>
    <name>AttachmentsWidget</name>
    <message>
        <location filename="../../mizuho_audit/ui/attachments_widget.py" line="44"/>
        <source>名前</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/attachments_widget.py" line="44"/>
        <source>サイズ</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/attachments_widget.py" line="45"/>
        <source>追加者</source>
        <translation>Added by</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/attachments_widget.py" line="45"/>
        <source>日時</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/attachments_widget.py" line="46"/>
        <source>SHA-256（先頭12桁）</source>
        <translation>SHA-256 (first 12 digits)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/attachments_widget.py" line="57"/>
        <source>添付ファイル</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/attachments_widget.py" line="63"/>
        <source>追加(&amp;A)…</source>
        <translation>Add &amp;file…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/attachments_widget.py" line="64"/>
        <source>開く(&amp;O)</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/attachments_widget.py" line="65"/>
        <source>名前を付けて保存(&amp;S)…</source>
        <translation>Sa&amp;ve as…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/attachments_widget.py" line="66"/>
        <source>削除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/attachments_widget.py" line="71"/>
        <source>1ファイル {0} MB まで</source>
        <translation>Up to {0} MB per file</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/attachments_widget.py" line="89"/>
        <source>添付ファイルを読めません</source>
        <translation>Cannot read the attachments</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/attachments_widget.py" line="96"/>
        <source>{0} バイト</source>
        <translation>{0} bytes</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/attachments_widget.py" line="122"/>
        <source>提出済みのため変更できません。</source>
        <translation>Submitted: cannot be changed.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/attachments_widget.py" line="136"/>
        <source>添付できません</source>
        <translation>Cannot attach the file</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/attachments_widget.py" line="148"/>
        <source>開けません</source>
        <translation>Cannot open the file</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/attachments_widget.py" line="160"/>
        <source>保存できません</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/attachments_widget.py" line="166"/>
        <source>添付の削除</source>
        <translation>Remove attachment</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/attachments_widget.py" line="167"/>
        <source>添付ファイル「{0}」を削除しますか？
（削除したことは操作履歴に残ります）</source>
        <translation>Remove the attachment &quot;{0}&quot;?
(The removal is recorded in the operation log.)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/attachments_widget.py" line="173"/>
        <source>削除できません</source>
        <translation>Cannot remove</translation>
    </message>
</context>
<context>
    <name>AuditorReports</name>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="35"/>
        <source>報告(&amp;R)</source>
        <translation>&amp;Reports</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="36"/>
        <source>監査結果の Excel を書き出す(&amp;E)…</source>
        <translation>&amp;Export audit results to Excel…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="38"/>
        <source>報告書の総括・宛先・文書番号(&amp;D)…</source>
        <translation>Report &amp;details (assessment, addressee, number)…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="39"/>
        <source>監査報告書（PDF）を書き出す(&amp;P)…</source>
        <translation>Export audit re&amp;port (PDF)…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="40"/>
        <source>PDF に電子署名する(&amp;S)…</source>
        <translation>&amp;Sign a PDF…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="41"/>
        <source>電子署名を確認する(&amp;V)…</source>
        <translation>&amp;Verify electronic signatures…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="43"/>
        <source>結果通知を書き出す（提出した全部署）(&amp;N)…</source>
        <translation>Export result &amp;notices (all departments that submitted)…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="45"/>
        <source>年度締めを解除する(&amp;U)…</source>
        <translation>&amp;Undo fiscal year closing…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="70"/>
        <source>監査結果の保存先</source>
        <translation>Save audit results as</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="71"/>
        <source>{0}-自己点検結果.xlsx</source>
        <translation>{0}-self-inspection-results.xlsx</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="62"/>
        <source>書き出しました</source>
        <translation>Exported</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="77"/>
        <source>監査結果のワークブックを書き出しています</source>
        <translation>Writing the audit results workbook</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="78"/>
        <source>監査結果のワークブックを書き出しました:
{0}</source>
        <translation>Exported the audit results workbook:
{0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="90"/>
        <source>開けません</source>
        <translation>Cannot open</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="101"/>
        <source>保存できません</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="111"/>
        <source>提出期限（{0}）の前です。</source>
        <translation>The submission deadline ({0}) has not passed.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="113"/>
        <source>受理していない提出が {0} 部署あります（{1}）。</source>
        <translation>{0} department(s) have submissions not accepted yet ({1}).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="115"/>
        <source>速報として作成</source>
        <translation>Build as a preliminary report</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="116"/>
        <source>この報告書は「速報」になります。</source>
        <translation>This report will be a preliminary report.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="117"/>
        <source>表紙と各ページに「速報」と表示して作成しますか。</source>
        <translation>Build it with the preliminary mark on the cover and on every page?</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="121"/>
        <source>確認していない指摘案</source>
        <translation>Unconfirmed proposals</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="122"/>
        <source>確認していない指摘案が {0} 件あります。確認済みの指摘事項だけが載ります。このまま作成しますか。</source>
        <translation>{0} proposed finding(s) are not confirmed; only confirmed findings are included. Build it anyway?</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="130"/>
        <source>報告書の確認者</source>
        <translation>Report reviewer</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="130"/>
        <source>確認者の氏名:</source>
        <translation>Reviewer&apos;s name:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="133"/>
        <source>報告書の承認者</source>
        <translation>Report approver</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="134"/>
        <source>承認者の氏名（例: 最高情報セキュリティ責任者）:</source>
        <translation>Approver&apos;s name (e.g. Chief Information Security Officer):</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="137"/>
        <source>監査報告書の保存先</source>
        <translation>Save audit report as</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="138"/>
        <source>{0}-情報セキュリティ自己点検結果報告書.pdf</source>
        <translation>{0}-information-security-self-inspection-report.pdf</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="146"/>
        <source>監査報告書を作成しています</source>
        <translation>Building the audit report</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="154"/>
        <source>署名する PDF</source>
        <translation>PDF to sign</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="163"/>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="170"/>
        <source>署名欄</source>
        <translation>Signature field</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="172"/>
        <source>署名に使う証明書（PKCS#12）</source>
        <translation>Signing certificate (PKCS#12)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="175"/>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="207"/>
        <source>証明書のパスフレーズ</source>
        <translation>Certificate passphrase</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="175"/>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="208"/>
        <source>パスフレーズ:</source>
        <translation>Passphrase:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="178"/>
        <source>署名した PDF の保存先</source>
        <translation>Save signed PDF as</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="179"/>
        <source>{0}（署名）.pdf</source>
        <translation>{0} (signed).pdf</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="160"/>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="187"/>
        <source>署名できません</source>
        <translation>Cannot sign</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="147"/>
        <source>監査報告書を書き出しました:
{0}
署名欄（作成者・確認者・承認者）に、この順に 報告 → PDF に電子署名する で署名してください。</source>
        <translation>Audit report written:
{0}
Sign its fields (prepared by, reviewed by, approved by) in this order with Reports → Sign a PDF.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="163"/>
        <source>この PDF の署名欄にはすべて署名があります。</source>
        <translation>Every signature field of this PDF is already signed.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="166"/>
        <source>署名欄「{0}」に署名します。</source>
        <translation>You will sign the field &quot;{0}&quot;.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="168"/>
        <source>承認者の署名で、{0}は締められます（年度締め）。</source>
        <translation>The approver&apos;s signature closes {0}.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="189"/>
        <source>{0}を締めました。</source>
        <translation>{0} is now closed.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="190"/>
        <source>署名しました</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="191"/>
        <source>署名欄「{0}」に署名しました:
{1}</source>
        <translation>Signed the {0} field:
{1}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="195"/>
        <source>確認する PDF</source>
        <translation>PDF to verify</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="203"/>
        <source>結果通知の保存先フォルダ</source>
        <translation>Folder for the result notices</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="206"/>
        <source>署名に使う証明書（取消で署名なし）</source>
        <translation>Signing certificate (Cancel: no signature)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="213"/>
        <source>結果通知を作成しています</source>
        <translation>Building the result notices</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="214"/>
        <source>結果通知 {0} 件を書き出しました:
{1}</source>
        <translation>Exported {0} result notice(s):
{1}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="222"/>
        <source>年度締め</source>
        <translation>Fiscal year closing</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="223"/>
        <source>{0}は締められていません。</source>
        <translation>{0} is not closed.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="225"/>
        <source>年度締めの解除</source>
        <translation>Undo fiscal year closing</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="226"/>
        <source>年度締めを解除すると、提出の取込と指摘事項の変更ができるようになります。理由は操作履歴に残ります。</source>
        <translation>Undoing the closing allows importing submissions and changing findings again. The reason is recorded in the operation log.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="227"/>
        <source>解除する</source>
        <translation>Undo closing</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_reports.py" line="233"/>
        <source>解除できません</source>
        <translation>Cannot undo the closing</translation>
    </message>
</context>
<context>
    <name>AuditorWindow</name>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="30"/>
        <source>取込</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="31"/>
        <source>変更なし</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="32"/>
        <source>拒否</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="33"/>
        <source>要確認</source>
        <translation>Needs confirmation</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="34"/>
        <source>未処理</source>
        <translation>Not processed</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="56"/>
        <source>注意: {0}</source>
        <translation>Note: {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="81"/>
        <source>瑞穂町 情報セキュリティ自己点検 — 監査担当</source>
        <translation>Mizuho Town Information Security Self-Inspection — Auditor</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="91"/>
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="96"/>
        <source>年度(&amp;Y):</source>
        <translation>Fiscal &amp;year:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="100"/>
        <source>提出ファイル（PDF・JSON）やフォルダーをこの画面にドラッグしても取り込めます。</source>
        <translation>You can also drag submission files (PDF, JSON) or folders onto this window.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="106"/>
        <source>提出ファイルを取り込む(&amp;I)…</source>
        <translation>&amp;Import submissions…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="108"/>
        <source>フォルダから取り込む(&amp;F)…</source>
        <translation>Import from &amp;folder…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="110"/>
        <source>署名のないファイルは取り込まない(&amp;T)</source>
        <translation>Refuse unsigned files (&amp;T)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="111"/>
        <source>署名のあるファイルは、信頼できる登録済みの署名者のものだけを取り込みます（いつも）。これを選ぶと、署名のない回答用紙・JSON も取り込みません（コマンドの --require-trusted と同じ）。</source>
        <translation>Signed files are always taken only from trusted, registered signers. With this, unsigned answer workbooks and JSON files are refused too (as --require-trusted on the command line).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="121"/>
        <source>提出状況(&amp;1)</source>
        <translation>&amp;1 Submissions</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="124"/>
        <source>指摘事項(&amp;2)</source>
        <translation>&amp;2 Findings</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="128"/>
        <source>集計・分析(&amp;3)</source>
        <translation>&amp;3 Analysis</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="132"/>
        <source>管理(&amp;A)</source>
        <translation>&amp;Admin</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="133"/>
        <source>操作履歴(&amp;L)…</source>
        <translation>Operation &amp;log…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="134"/>
        <source>信頼する証明書の登録(&amp;T)…</source>
        <translation>Register &amp;trusted certificate…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="135"/>
        <source>失効リスト（CRL）を入れる(&amp;C)…</source>
        <translation>Store a revocation list (CRL) (&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="136"/>
        <source>署名者の登録(&amp;S)…</source>
        <translation>Signer register (&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="137"/>
        <source>年度のテーマ(&amp;H)…</source>
        <translation>Fiscal year&apos;s t&amp;hemes…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="138"/>
        <source>監査担当者の名前(&amp;N)…</source>
        <translation>Auditor&apos;s &amp;name…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="156"/>
        <source>取込の進み具合</source>
        <translation>Import progress</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="157"/>
        <source>取り消す</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="163"/>
        <source>監査担当用データベース: {0}</source>
        <translation>Auditor database: {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="175"/>
        <source>瑞穂町 情報セキュリティ自己点検 — 監査担当（読み取り専用・改ざんの疑い）</source>
        <translation>Mizuho Town Information Security Self-Inspection — Auditor (read-only: possibly tampered with)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="176"/>
        <source>このデータベースはアプリの外で変更された疑いがあるため、読み取り専用で開いています（見つかった問題 {0} 件）。表示される内容は変更後のものかもしれません。取込・判断・報告書などの作成はできません。管理 → バックアップから復元 で戻してください。</source>
        <translation>This database may have been changed outside the app, so it is open read-only ({0} problems found). What is shown may be the changed contents. Nothing can be imported, decided or issued. Restore it with Administration → Restore from backup.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="183"/>
        <source>改ざんの疑い</source>
        <translation>Possibly tampered with</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="192"/>
        <source>提出期限</source>
        <translation>Submission deadline</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="195"/>
        <source>提出期限(&amp;D):</source>
        <translation>&amp;Deadline:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="197"/>
        <source>期限を設定</source>
        <translation>Set deadline</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="200"/>
        <source>未提出の部署を書き出す(&amp;E)…</source>
        <translation>&amp;Export missing departments…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="202"/>
        <source>受理(&amp;A)</source>
        <translation>Acce&amp;pt</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="204"/>
        <source>差戻し(&amp;R)…</source>
        <translation>Re&amp;turn…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="213"/>
        <source>提出状況の集計</source>
        <translation>Submission summary</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="222"/>
        <source>提出状況</source>
        <translation>Submissions</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="263"/>
        <source>（{0}まで）</source>
        <translation>(until {0})</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="267"/>
        <source>（未設定）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="282"/>
        <source>監査担当者の名前</source>
        <translation>Auditor&apos;s name</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="283"/>
        <source>監査担当者の名前を入力してください（記録に残ります）:</source>
        <translation>Enter the auditor&apos;s name (it is recorded in the log):</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="328"/>
        <source>確認した再提出を取り込んでいます</source>
        <translation>Importing the confirmed resubmissions</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="331"/>
        <source>提出ファイルを取り込んでいます</source>
        <translation>Importing submissions</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="342"/>
        <source>{0}年度の提出期限を {1} にしました（操作履歴に記録しました）。</source>
        <translation>Set the FY{0} submission deadline to {1} (recorded in the operation log).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="349"/>
        <source>未提出の部署</source>
        <translation>Departments without a submission</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="349"/>
        <source>未提出の部署はありません。</source>
        <translation>Every department has submitted.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="351"/>
        <source>未提出の部署の書き出し</source>
        <translation>Export departments without a submission</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="352"/>
        <source>{0}年度-未提出の部署.csv</source>
        <translation>FY{0}-departments-not-submitted.csv</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="359"/>
        <source>書き出せません</source>
        <translation>Cannot export</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="361"/>
        <source>未提出の {0} 部署を書き出しました: {1}</source>
        <translation>Exported {0} department(s) without a submission: {1}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="368"/>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="368"/>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="381"/>
        <source>提出済みの部署を選んでください。</source>
        <translation>Select a department that has submitted.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="375"/>
        <source>受理できません</source>
        <translation>Cannot accept</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="381"/>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="385"/>
        <source>差戻し</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="386"/>
        <source>{0} の提出を差し戻します。理由は部署に渡す差戻し通知に書かれ、操作履歴に残ります。</source>
        <translation>Return the submission of {0}. The reason is written in the return notice for the department and recorded in the operation log.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="387"/>
        <source>差し戻す</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="390"/>
        <source>差戻し通知の保存先</source>
        <translation>Save return notice as</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="391"/>
        <source>{0}-{1}-差戻し通知.pdf</source>
        <translation>{0}-{1}-return-notice.pdf</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="395"/>
        <source>署名に使う証明書（取消で署名なし）</source>
        <translation>Signing certificate (Cancel: no signature)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="396"/>
        <source>証明書のパスフレーズ</source>
        <translation>Certificate passphrase</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="397"/>
        <source>パスフレーズ:</source>
        <translation>Passphrase:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="402"/>
        <source>差し戻せません</source>
        <translation>Cannot return</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_window.py" line="431"/>
        <source>テーマを開けません</source>
        <translation>Cannot open the themes</translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="115"/>
        <source>自動バックアップはありますが、どれも使えません</source>
        <translation>There are automatic backups, but none of them can be used</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="116"/>
        <source>自動バックアップがありません</source>
        <translation>There are no automatic backups</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="117"/>
        <source>データベースを開けません</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="118"/>
        <source>{0}

{1}。ファイルは変更していません。バックアップファイルをお持ちなら、mizuho-audit restore で復元できます。</source>
        <translation>{0}

{1}. The file was not changed. If you have a backup file, restore it with mizuho-audit restore.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="122"/>
        <source>{0}

自動バックアップから復元できます。使える最新のバックアップは {1} のものです（選択済み）。復元すると、壊れたファイルは別の名前で残します。</source>
        <translation>{0}

You can restore an automatic backup. The latest usable backup is from {1} (selected). Restoring keeps the damaged file under another name.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="132"/>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="250"/>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="254"/>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="267"/>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="291"/>
        <source>復元できません</source>
        <translation>Cannot restore</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="134"/>
        <source>
壊れていたファイルは次の名前で残しています:
{0}</source>
        <translation>
The damaged file was kept as:
{0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="136"/>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="294"/>
        <source>復元しました</source>
        <translation>Restored</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="137"/>
        <source>バックアップから復元しました。{0}</source>
        <translation>Restored from the backup.{0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="158"/>
        <source>バックアップを作成(&amp;B)…</source>
        <translation>Create &amp;backup…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="159"/>
        <source>バックアップから復元(&amp;R)…</source>
        <translation>&amp;Restore from backup…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="197"/>
        <source>自動バックアップを作成しました: {0}</source>
        <translation>Automatic backup created: {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="201"/>
        <source>自動バックアップを作成できませんでした: {0}</source>
        <translation>Could not create the automatic backup: {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="224"/>
        <source>{0}-バックアップ-{1}.db</source>
        <translation>{0}-backup-{1}.db</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="225"/>
        <source>バックアップの保存先</source>
        <translation>Save backup as</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="226"/>
        <source>データベース (*.db)</source>
        <translation>Databases (*.db)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="232"/>
        <source>バックアップを作成できません</source>
        <translation>Cannot create the backup</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="234"/>
        <source>バックアップを作成しました</source>
        <translation>Backup created</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="235"/>
        <source>バックアップを作成しました（整合性を確認済み）:
{0}

USB メモリなどに保存するときは、持ち出しの規程に従ってください。</source>
        <translation>Backup created (integrity checked):
{0}

When you copy it to a USB stick or other media, follow the rules for taking data out.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="244"/>
        <source>復元するバックアップを選んでください。現在のデータベースは、復元前のコピーとして別の名前で残します。</source>
        <translation>Choose the backup to restore. The current database is kept under another name as a copy from before the restore.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="255"/>
        <source>このデータベースは{0}ですが、選んだファイルは{1}です。種類の違うデータベースでは置き換えません。</source>
        <translation>This database is a {0} one, but the chosen file is a {1} one. A database of another kind cannot replace it.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="262"/>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="309"/>
        <source>パスフレーズ</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="263"/>
        <source>復元するデータベース（監査担当用）のパスフレーズ:</source>
        <translation>Passphrase of the database to restore (auditor):</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="268"/>
        <source>パスフレーズが違います。何も変更していません。</source>
        <translation>The passphrase is wrong. Nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="271"/>
        <source>バックアップから復元</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="272"/>
        <source>現在のデータベースを、{0} のバックアップの内容で置き換えます。それ以降に入力した内容は、復元後のデータベースにはありません（復元前のファイルは別の名前で残します）。続けますか。</source>
        <translation>The current database will be replaced with the backup from {0}. Anything entered since then will not be in the restored database (the file before the restore is kept under another name). Continue?</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="292"/>
        <source>{0}
元のデータベースを開き直しました。</source>
        <translation>{0}
The original database was opened again.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="295"/>
        <source>{0} のバックアップから復元しました。</source>
        <translation>Restored the backup from {0}.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="296"/>
        <source>
復元前のデータベースは次の名前で残しています:
{0}</source>
        <translation>
The database from before the restore was kept as:
{0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="310"/>
        <source>データベース（監査担当用）のパスフレーズ:</source>
        <translation>Database passphrase (auditor):</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="314"/>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="316"/>
        <source>データベースを開き直せません</source>
        <translation>Cannot reopen the database</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="317"/>
        <source>パスフレーズが入力されなかったため、データベースを開き直せません。ウィンドウを閉じます。</source>
        <translation>No passphrase was entered, so the database cannot be reopened. The window will close.</translation>
    </message>
</context>
<context>
    <name>BackupChooser</name>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="61"/>
        <source>バックアップから復元</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="69"/>
        <source>自動バックアップ</source>
        <translation>Automatic backups</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="79"/>
        <source>選んだバックアップから復元</source>
        <translation>Restore the selected backup</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="81"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="82"/>
        <source>ファイルを選ぶ(&amp;F)…</source>
        <translation>Choose a &amp;file…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="91"/>
        <source>復元するバックアップファイル</source>
        <translation>Backup file to restore</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/backup_actions.py" line="92"/>
        <source>データベース (*.db *.bak);;すべてのファイル (*)</source>
        <translation>Databases (*.db *.bak);;All files (*)</translation>
    </message>
</context>
<context>
    <name>BenchmarkView</name>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="40"/>
        <source>署名あり/検証済</source>
        <translation>signed/verified</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="41"/>
        <source>署名あり/発行元を信頼していません</source>
        <translation>signed/issuer not trusted</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="42"/>
        <source>署名なし</source>
        <translation>unsigned</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="43"/>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="47"/>
        <source>章</source>
        <translation>Chapter</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="43"/>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="47"/>
        <source>町の得点</source>
        <translation>Town score</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="44"/>
        <source>他団体の中央値</source>
        <translation>Median of other towns</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="44"/>
        <source>パーセンタイル</source>
        <translation>Percentile</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="45"/>
        <source>団体数</source>
        <translation>Towns</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="45"/>
        <source>前年度</source>
        <translation>Previous year</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="46"/>
        <source>増減</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="48"/>
        <source>取り込んだ他団体の得点の中央値</source>
        <translation>Median of the imported other towns&apos; scores</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="49"/>
        <source>他団体のうち町より得点の低い団体の割合（同点は半分と数える）</source>
        <translation>Share of other towns scoring lower than the town (ties count half)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="50"/>
        <source>得点のある他団体の数</source>
        <translation>Number of other towns with a score</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="51"/>
        <source>前年度の町の得点（町自身の前年度の得点パック、なければこのデータベース）</source>
        <translation>The town&apos;s score last year (its own score pack of last year, otherwise this database)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="52"/>
        <source>前年度からの増減</source>
        <translation>Change from last year</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="104"/>
        <source>得点パックを取り込む…</source>
        <translation>Import score packs…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="105"/>
        <source>他団体の得点パックを取り込む</source>
        <translation>Import other towns&apos; score packs</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="108"/>
        <source>得点パックを書き出す…</source>
        <translation>Export score pack…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="109"/>
        <source>この年度の得点パックを書き出す</source>
        <translation>Export this fiscal year&apos;s score pack</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="117"/>
        <source>他団体との比較</source>
        <translation>Other towns</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="141"/>
        <source>{0}: 他団体の得点パックはまだ取り込まれていません。他団体から受け取った得点パック（JSON）を取り込むと、章ごとに町の位置（中央値・パーセンタイル）を示します。</source>
        <translation>{0}: no other town&apos;s score pack has been imported yet. Import the score packs (JSON) received from other towns to see where the town stands per chapter (median, percentile).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="143"/>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="155"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="144"/>
        <source>{0}: 比べる団体 {1}: {2}</source>
        <translation>{0}: {1} towns compared: {2}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="149"/>
        <source>前年度は町自身の前年度の得点パックの得点です。</source>
        <translation>Previous year: the scores of the town&apos;s own score pack of last year.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="151"/>
        <source>前年度はこのデータベースの前年度の得点です。</source>
        <translation>Previous year: last year&apos;s scores in this database.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="153"/>
        <source>注意: {0} の得点パックは別のチェックリストで作られています。章は番号で比べていますが、内容が異なる場合があります。</source>
        <translation>Note: the score packs of {0} were made with another checklist. Chapters are compared by number, but their contents may differ.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="162"/>
        <source>得点パックの保存先</source>
        <translation>Save the score pack as</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="163"/>
        <source>{0}-得点パック.json</source>
        <translation>{0}-score-pack.json</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="163"/>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="181"/>
        <source>得点パック (*.json)</source>
        <translation>Score packs (*.json)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="166"/>
        <source>署名に使う証明書（取消で署名なし）</source>
        <translation>Signing certificate (Cancel: no signature)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="167"/>
        <source>証明書のパスフレーズ</source>
        <translation>Certificate passphrase</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="168"/>
        <source>パスフレーズ:</source>
        <translation>Passphrase:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="173"/>
        <source>得点パックを書き出せません</source>
        <translation>Cannot export the score pack</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="175"/>
        <source>分離署名: {0}</source>
        <translation>Detached signature: {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="176"/>
        <source>署名なし（受け取った団体は改ざんを確かめられません）</source>
        <translation>Unsigned (the receiving town cannot check it was not altered)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="177"/>
        <source>得点パックの書き出し</source>
        <translation>Score pack export</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="177"/>
        <source>{0} を書き出しました。{1}</source>
        <translation>{0} written. {1}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="181"/>
        <source>得点パックを選ぶ</source>
        <translation>Choose score packs</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="194"/>
        <source>取り込みました</source>
        <translation>imported</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="194"/>
        <source>取込済み</source>
        <translation>already imported</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="195"/>
        <source>{0}: {1}（{2}・{3}、{4}）</source>
        <translation>{0}: {1} ({2}, {3}, {4})</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="199"/>
        <source>。別のチェックリストで作られています（章は番号で比べます）</source>
        <translation>; made with another checklist (chapters are compared by number)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="204"/>
        <source>取り込めない得点パックがあります</source>
        <translation>Some score packs cannot be imported</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/benchmark_view.py" line="207"/>
        <source>得点パックの取込</source>
        <translation>Score pack import</translation>
    </message>
</context>
<context>
    <name>BoardModel</name>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="32"/>
        <source>部署</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="32"/>
        <source>機関</source>
        <translation>Body</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="33"/>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="33"/>
        <source>期限</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="34"/>
        <source>スコア</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="34"/>
        <source>版</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="35"/>
        <source>提出日時</source>
        <translation>Submitted at</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="35"/>
        <source>署名</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="36"/>
        <source>署名者</source>
        <translation>Signer</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="36"/>
        <source>承認者</source>
        <translation>Approver</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="37"/>
        <source>ファイル</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="75"/>
        <source>期限超過</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="76"/>
        <source>期限後提出</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="91"/>
        <source>第{0}版</source>
        <translation>v{0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="105"/>
        <source>{0} ≠ 承認者</source>
        <translation>{0} ≠ approver</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="111"/>
        <source>期限超過: 提出期限（{0}）を過ぎても提出がありません。</source>
        <translation>Overdue: nothing submitted by the deadline ({0}).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="112"/>
        <source>期限後提出: 提出期限（{0}）の後に提出されました。</source>
        <translation>Late: submitted after the deadline ({0}).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="117"/>
        <source>取込の時点: {0}</source>
        <translation>At import: {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="119"/>
        <source>署名した証明書の本人（{0}）は、記録された承認者（{1}）ではありません。例外として取り込まれた提出です。</source>
        <translation>The holder of the signing certificate ({0}) is not the recorded approver ({1}). This submission was taken as an exception.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="124"/>
        <source>理由: {0}</source>
        <translation>Reason: {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="180"/>
        <source>全 {0} 部署</source>
        <translation>{0} departments</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="181"/>
        <source>提出済 {0}</source>
        <translation>Submitted {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="182"/>
        <source>受理 {0}</source>
        <translation>Accepted {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="183"/>
        <source>差戻し {0}</source>
        <translation>Returned {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="184"/>
        <source>未提出 {0}</source>
        <translation>Not submitted {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="185"/>
        <source>（うち期限超過 {0}）</source>
        <translation> (overdue {0})</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="187"/>
        <source>期限後提出 {0}</source>
        <translation>Late {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="188"/>
        <source>署名が認められなくなった提出 {0}</source>
        <translation>Signature no longer accepted {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/board_model.py" line="191"/>
        <source>&#x3000;</source>
        <translation> · </translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="51"/>
        <source>{0}は {1} 文字以上にしてください。</source>
        <translation>The {0} must have at least {1} characters.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="54"/>
        <source>{0}が確認用と一致しません。もう一度入力してください。</source>
        <translation>The {0} does not match its confirmation. Please enter it again.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="64"/>
        <source>署名用の証明書（LGPKI を使わない場合）</source>
        <translation>Signing certificates (without LGPKI)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="68"/>
        <source>認証局の作成</source>
        <translation>Create certificate authority</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="69"/>
        <source>証明書の発行</source>
        <translation>Issue certificate</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="72"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="81"/>
        <source>参照…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="82"/>
        <source>{0}を選ぶ</source>
        <translation>Choose {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="92"/>
        <source>町で1つ作ります。認証局の秘密鍵はパスフレーズで暗号化して保存されます。フォルダーは安全な場所に保管し、中の ca-cert.pem を、提出ファイルの署名を検証する人（監査担当）に渡してください。</source>
        <translation>The town creates one. The authority&apos;s private key is saved encrypted with the passphrase. Keep the folder in a safe place, and give the ca-cert.pem in it to those who verify the signatures of submissions (the auditors).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="96"/>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="124"/>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="219"/>
        <source>認証局のフォルダー</source>
        <translation>Certificate authority folder</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="97"/>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="125"/>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="220"/>
        <source>認証局のパスフレーズ</source>
        <translation>Certificate authority passphrase</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="98"/>
        <source>認証局のパスフレーズ（確認）</source>
        <translation>Certificate authority passphrase (confirm)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="99"/>
        <source>保存先のフォルダー:</source>
        <translation>Folder:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="101"/>
        <source>パスフレーズ（{0}文字以上）:</source>
        <translation>Passphrase ({0}+ characters):</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="102"/>
        <source>パスフレーズ（確認）:</source>
        <translation>Passphrase (confirm):</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="104"/>
        <source>認証局を作成(&amp;C)</source>
        <translation>&amp;Create certificate authority</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="111"/>
        <source>認証局の作成の結果</source>
        <translation>Result of creating the certificate authority</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="120"/>
        <source>提出を承認する人（情報セキュリティ管理者）ごとに発行します。できたファイル (.p12) とそのパスフレーズは、本人に別々の方法で渡してください。</source>
        <translation>Issue one for each person who approves submissions (information security managers). Hand the file (.p12) and its passphrase to the person by separate means.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="127"/>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="221"/>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="129"/>
        <source>職名</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="131"/>
        <source>部署</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="133"/>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="172"/>
        <source>証明書ファイルの保存先</source>
        <translation>Save certificate file as</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="134"/>
        <source>証明書ファイルのパスフレーズ</source>
        <translation>Certificate file passphrase</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="135"/>
        <source>証明書ファイルのパスフレーズ（確認）</source>
        <translation>Certificate file passphrase (confirm)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="136"/>
        <source>認証局のフォルダー:</source>
        <translation>Authority folder:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="138"/>
        <source>認証局のパスフレーズ:</source>
        <translation>Authority passphrase:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="139"/>
        <source>氏名:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="140"/>
        <source>職名:</source>
        <translation>Title:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="141"/>
        <source>部署:</source>
        <translation>Department:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="142"/>
        <source>保存先 (.p12):</source>
        <translation>Save as (.p12):</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="143"/>
        <source>ファイルのパスフレーズ（{0}文字以上）:</source>
        <translation>File passphrase ({0}+ characters):</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="144"/>
        <source>ファイルのパスフレーズ（確認）:</source>
        <translation>File passphrase (confirm):</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="146"/>
        <source>証明書を発行(&amp;I)</source>
        <translation>&amp;Issue certificate</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="153"/>
        <source>証明書の発行の結果</source>
        <translation>Result of issuing the certificate</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="166"/>
        <source>フォルダーを選ぶ</source>
        <translation>Choose a folder</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="193"/>
        <source>保存先のフォルダーを選んでください。</source>
        <translation>Choose the folder to save to.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="195"/>
        <source>パスフレーズ</source>
        <translation>passphrase</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="212"/>
        <source>認証局を作成しました。
証明書: {0}
フィンガープリント (SHA-256):
{1}
有効期限: {2}</source>
        <translation>Certificate authority created.
Certificate: {0}
Fingerprint (SHA-256):
{1}
Valid until: {2}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="221"/>
        <source>保存先</source>
        <translation>Save as</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="224"/>
        <source>{0}を入力してください。</source>
        <translation>Please enter: {0}.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="227"/>
        <source>ファイルのパスフレーズ</source>
        <translation>file passphrase</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="248"/>
        <source>証明書を発行しました: {0}
シリアル番号: {1}
有効期限: {2}</source>
        <translation>Certificate issued: {0}
Serial number: {1}
Valid until: {2}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/certificate_dialog.py" line="255"/>
        <source>ファイルを書けません: {0}（{1}）</source>
        <translation>Cannot write the file: {0} ({1})</translation>
    </message>
</context>
<context>
    <name>ChangesDialog</name>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="271"/>
        <source>すべて</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="272"/>
        <source>変更・新規のみ</source>
        <translation>Changed or new only</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="273"/>
        <source>要再確認のみ</source>
        <translation>To re-check only</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="308"/>
        <source>項目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="308"/>
        <source>種類</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="309"/>
        <source>前年度の項目</source>
        <translation>Last year&apos;s items</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="309"/>
        <source>前年度の評価</source>
        <translation>Last year&apos;s rating</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="310"/>
        <source>今年度の評価</source>
        <translation>This year&apos;s rating</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="310"/>
        <source>要再確認</source>
        <translation>Re-check</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="311"/>
        <source>変更の説明</source>
        <translation>What changed</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="316"/>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="339"/>
        <source>前年度からの変更</source>
        <translation>Changes since last year</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="319"/>
        <source>前年度から引き継いだ回答は「要再確認」になっています。内容を確認し、必要なら直してください。行をダブルクリックすると、その項目を開きます。</source>
        <translation>Answers carried over from last year are marked &quot;Re-check&quot;. Review them and correct them where needed. Double-click a row to open its item.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="323"/>
        <source>表示する項目</source>
        <translation>Items shown</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="326"/>
        <source>表示(&amp;S):</source>
        <translation>&amp;Show:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="374"/>
        <source>{0} 項目中 {1} 項目を表示</source>
        <translation>Showing {1} of {0} items</translation>
    </message>
</context>
<context>
    <name>ChecklistFilter</name>
    <message>
        <location filename="../../mizuho_audit/ui/checklist_filter.py" line="15"/>
        <source>すべて</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/checklist_filter.py" line="16"/>
        <source>未回答</source>
        <translation>Unanswered</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/checklist_filter.py" line="17"/>
        <source>要改善・記入不足</source>
        <translation>To improve or incomplete</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/checklist_filter.py" line="18"/>
        <source>要再確認（前年度から引継ぎ）</source>
        <translation>To re-check (carried over from last year)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/checklist_filter.py" line="19"/>
        <source>自分の担当</source>
        <translation>My assignments</translation>
    </message>
</context>
<context>
    <name>ChecklistModel</name>
    <message>
        <location filename="../../mizuho_audit/ui/checklist_model.py" line="29"/>
        <source>未回答</source>
        <translation>Unanswered</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/checklist_model.py" line="30"/>
        <source>要再確認</source>
        <translation>Re-check</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/checklist_model.py" line="31"/>
        <source>記入不足</source>
        <translation>Incomplete</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/checklist_model.py" line="32"/>
        <source>要改善</source>
        <translation>To improve</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/checklist_model.py" line="33"/>
        <source>回答済</source>
        <translation>Answered</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/checklist_model.py" line="34"/>
        <source>事務局の回答</source>
        <translation>Security office&apos;s answer</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/checklist_model.py" line="38"/>
        <source>事務局が町全体として答える項目（{0}の回答・参考）</source>
        <translation>Items the security office answers for the whole town ({0}&apos;s answers, for reference)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/checklist_model.py" line="39"/>
        <source>参考</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/checklist_model.py" line="45"/>
        <source>担当 {0}</source>
        <translation>assigned to {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/checklist_model.py" line="67"/>
        <source>項目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/checklist_model.py" line="67"/>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/checklist_model.py" line="68"/>
        <source>担当</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/checklist_model.py" line="159"/>
        <source>、</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard_charts.py" line="62"/>
        <source>得点</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard_charts.py" line="71"/>
        <source>{0}: 提出がありません</source>
        <translation>{0}: no submissions</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard_charts.py" line="98"/>
        <source>町全体の章別得点（{0}、合計 {1}）</source>
        <translation>Town-wide score by chapter ({0}, total {1})</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard_charts.py" line="122"/>
        <source>部署を選んでください</source>
        <translation>Choose a department</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard_charts.py" line="123"/>
        <source>提出がありません</source>
        <translation>No submissions</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard_charts.py" line="164"/>
        <source>{0}と町全体（章別得点）</source>
        <translation>{0} and the whole town (score by chapter)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard_charts.py" line="174"/>
        <source>推移を示す提出がありません</source>
        <translation>No submissions to show a trend</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard_charts.py" line="176"/>
        <source>{0}の合計得点</source>
        <translation>{0}: total score</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard_charts.py" line="195"/>
        <source>{0}の合計得点の推移</source>
        <translation>{0}: total score over the years</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard_models.py" line="82"/>
        <source>対象となる項目がありません。</source>
        <translation>No items apply.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard_models.py" line="83"/>
        <source>得点 {0}（重要度で重み付け）</source>
        <translation>Score {0} (weighted by importance)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard_models.py" line="86"/>
        <source>未回答 {0}</source>
        <translation>Unanswered {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard_models.py" line="89"/>
        <source>得点の対象 {0} 項目（対象外 {1} 項目）</source>
        <translation>{0} items scored ({1} not applicable)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard_models.py" line="153"/>
        <source>{0}（提出 {1} 部署の回答をまとめた得点）</source>
        <translation>{0} (score of the answers of {1} submitting departments)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard_models.py" line="158"/>
        <location filename="../../mizuho_audit/ui/dashboard_models.py" line="235"/>
        <source>部署</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard_models.py" line="158"/>
        <source>合計</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard_models.py" line="161"/>
        <source>合計（全項目）</source>
        <translation>Total (all items)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard_models.py" line="237"/>
        <source>前年度比</source>
        <translation>Change from last year</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard_models.py" line="284"/>
        <source>項目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard_models.py" line="284"/>
        <source>質問</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard_models.py" line="285"/>
        <source>章</source>
        <translation>Chapter</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard_models.py" line="285"/>
        <source>重要度</source>
        <translation>Importance</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard_models.py" line="286"/>
        <source>一部・未実施の部署数 / 対象部署数</source>
        <translation>Partial or not done / applicable departments</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard_models.py" line="287"/>
        <source>割合</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard_models.py" line="316"/>
        <source>一部実施・未実施の部署: </source>
        <translation>Departments partly or not implementing: </translation>
    </message>
</context>
<context>
    <name>DashboardWidget</name>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard.py" line="122"/>
        <location filename="../../mizuho_audit/ui/dashboard.py" line="136"/>
        <source>ヒートマップ</source>
        <translation>Heat map</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard.py" line="139"/>
        <source>章別得点</source>
        <translation>Score by chapter</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard.py" line="141"/>
        <source>部署</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard.py" line="143"/>
        <source>部署と町全体の比較</source>
        <translation>Department compared with the whole town</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard.py" line="148"/>
        <source>部署:</source>
        <translation>Department:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard.py" line="158"/>
        <source>章別</source>
        <translation>By chapter</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard.py" line="162"/>
        <source>年度別の得点</source>
        <translation>Score by fiscal year</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard.py" line="165"/>
        <source>町全体の推移</source>
        <translation>Town-wide trend</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard.py" line="170"/>
        <source>推移</source>
        <translation>Trend</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard.py" line="174"/>
        <location filename="../../mizuho_audit/ui/dashboard.py" line="179"/>
        <source>未実施の多い項目</source>
        <translation>Most often not done</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard.py" line="183"/>
        <source>他団体との比較</source>
        <translation>Other towns</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard.py" line="220"/>
        <source>色は得点（0〜100、重要度で重み付け）: {0}&#x3000;{1} 対象の項目なし。見出しをクリックすると並べ替えます。</source>
        <translation>Colour shows the score (0–100, weighted by importance): {0} · {1} no items apply. Click a header to sort.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard.py" line="263"/>
        <source>{0}: 取り込んだ提出はまだありません（対象 {1} 部署）。</source>
        <translation>{0}: no submissions imported yet ({1} departments expected).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dashboard.py" line="264"/>
        <source>{0}: 提出 {1} 部署・未提出 {2} 部署&#x3000;町全体の得点 {3}</source>
        <translation>{0}: {1} departments submitted, {2} not submitted · Town-wide score {3}</translation>
    </message>
</context>
<context>
    <name>DepartmentActions</name>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="46"/>
        <source>添付するファイル</source>
        <translation>File to attach</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="47"/>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="49"/>
        <source>すべてのファイル (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="48"/>
        <source>名前を付けて保存</source>
        <translation>Save as</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="67"/>
        <source>回答(&amp;R)</source>
        <translation>Answe&amp;rs</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="69"/>
        <source>前年度の回答を引き継ぐ(&amp;C)…</source>
        <translation>&amp;Carry over last year&apos;s answers…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="70"/>
        <source>前年度からの変更(&amp;V)…</source>
        <translation>Re&amp;view changes since last year…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="72"/>
        <source>回答を JSON に書き出す(&amp;E)…</source>
        <translation>&amp;Export answers to JSON…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="73"/>
        <source>回答を JSON から取り込む(&amp;I)…</source>
        <translation>&amp;Import answers from JSON…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="75"/>
        <source>Excel 回答用紙を書き出す(&amp;X)…</source>
        <translation>E&amp;xport Excel answer sheet…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="76"/>
        <source>Excel 回答用紙から取り込む(&amp;Y)…</source>
        <translation>Import from Excel answer s&amp;heet…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="77"/>
        <source>提出(&amp;S)</source>
        <translation>&amp;Submit</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="79"/>
        <source>承認を受けて提出(&amp;S)…</source>
        <translation>&amp;Submit with approval…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="80"/>
        <source>提出ファイルを書き出す（PDF・署名）(&amp;F)…</source>
        <translation>Export submission &amp;file (PDF, signed)…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="81"/>
        <source>提出を取り消す(&amp;R)…</source>
        <translation>&amp;Withdraw submission…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="83"/>
        <source>監査担当からの通知（差戻し・結果通知）を取り込む(&amp;N)…</source>
        <translation>Import a &amp;notice from the auditors (return, results)…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="86"/>
        <source>操作履歴(&amp;L)…</source>
        <translation>Operation &amp;log…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="87"/>
        <source>署名用の証明書(&amp;C)…</source>
        <translation>Signing &amp;certificates…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="88"/>
        <source>信頼する証明書の登録(&amp;T)…</source>
        <translation>Register &amp;trusted certificate…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="89"/>
        <source>電子署名を確認する(&amp;V)…</source>
        <translation>&amp;Verify electronic signatures…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="96"/>
        <source>（{0}）</source>
        <translation> ({0})</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="97"/>
        <source>{0}{1}。何も変更していません。</source>
        <translation>{0}{1}. Nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="103"/>
        <source>部署を選んでください</source>
        <translation>Choose a department</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="103"/>
        <source>先に年度と部署を選んでください。</source>
        <translation>Choose the fiscal year and the department first.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="135"/>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="138"/>
        <source>提出できません</source>
        <translation>Cannot submit</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="141"/>
        <source>提出しました</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="142"/>
        <source>第{0}版として提出しました。回答は確定しました。
監査担当に渡す提出ファイル（PDF）を今すぐ書き出しますか。</source>
        <translation>Submitted as version {0}. The answers are now final.
Export the submission file (PDF) for the auditors now?</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="168"/>
        <source>提出の取消し</source>
        <translation>Withdraw submission</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="169"/>
        <source>提出を取り消すと、回答を直せるようになります。取り消しの理由は操作履歴に残り、次の提出は新しい版になります（前の版も保存されます）。</source>
        <translation>Withdrawing the submission lets you correct the answers. The reason is recorded in the operation log, and the next submission becomes a new version (the previous one is kept).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="171"/>
        <source>提出を取り消す</source>
        <translation>Withdraw submission</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="177"/>
        <source>取り消せません</source>
        <translation>Cannot withdraw</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="191"/>
        <source>提出ファイルの保存先</source>
        <translation>Save submission file as</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="196"/>
        <source>署名に使う証明書（PKCS#12）を選ぶ（取消で署名なし）</source>
        <translation>Choose the signing certificate (PKCS#12) (Cancel: no signature)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="153"/>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="200"/>
        <source>証明書のパスフレーズ</source>
        <translation>Certificate passphrase</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="150"/>
        <source>署名に使う証明書（PKCS#12）を選ぶ</source>
        <translation>Choose the signing certificate (PKCS#12)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="154"/>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="201"/>
        <source>証明書（PKCS#12）のパスフレーズ:</source>
        <translation>Certificate (PKCS#12) passphrase:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="160"/>
        <source>証明書を読めません</source>
        <translation>Cannot read the certificate</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="206"/>
        <source>署名なしで書き出す</source>
        <translation>Export without signature</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="207"/>
        <source>電子署名なし（未署名）で書き出しますか。監査担当には未署名と表示されます。</source>
        <translation>Export without an electronic signature (unsigned)? The auditors will see it as unsigned.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="212"/>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="249"/>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="279"/>
        <source>書き出せません</source>
        <translation>Cannot export</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="214"/>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="281"/>
        <source>書き出しました</source>
        <translation>Exported</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="215"/>
        <source>提出ファイルを書き出しました:
{0}</source>
        <translation>Exported the submission file:
{0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="218"/>
        <source>差戻し通知を選ぶ</source>
        <translation>Choose the return notice</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="224"/>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="260"/>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="294"/>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="306"/>
        <source>取り込めません</source>
        <translation>Cannot import</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="226"/>
        <source>注意: {0}</source>
        <translation>Note: {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="228"/>
        <source>結果通知</source>
        <translation>Result notice</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="229"/>
        <source>{0}年度の結果通知を取り込みました。指摘事項 {1} 件は、次年度のチェックリストに「前年度の指摘事項への対応」として現れます。
{2}</source>
        <translation>Imported the result notice for FY{0}. Its {1} finding(s) appear in next year&apos;s checklist as &quot;response to last year&apos;s findings&quot;.
{2}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="233"/>
        <source>差戻し通知</source>
        <translation>Return notice</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="234"/>
        <source>差戻しの理由:
{0}

回答中に戻りました。修正して、改めて提出してください。
{1}</source>
        <translation>Reason for the return:
{0}

The checklist is back to &quot;in progress&quot;. Please correct it and submit again.
{1}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="242"/>
        <source>回答の書き出し</source>
        <translation>Export answers</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="243"/>
        <source>{0}-{1}-回答.json</source>
        <translation>{0}-{1}-answers.json</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="254"/>
        <source>回答の取込</source>
        <translation>Import answers</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="263"/>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="309"/>
        <source>取り込みました</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="264"/>
        <source>回答を取り込みました（変更 {0} 件）。</source>
        <translation>Imported the answers ({0} change(s)).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="270"/>
        <source>Excel 回答用紙の保存先</source>
        <translation>Save Excel answer sheet as</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="271"/>
        <source>{0}-{1}-{2}-回答用紙.xlsx</source>
        <translation>{0}-{1}-{2}-answer-sheet.xlsx</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="282"/>
        <source>Excel 回答用紙を書き出しました:
{0}</source>
        <translation>Exported the Excel answer sheet:
{0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="288"/>
        <source>記入済みの Excel 回答用紙</source>
        <translation>Completed Excel answer sheet</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="298"/>
        <source>Excel 回答用紙の取込</source>
        <translation>Import an Excel answer workbook</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="299"/>
        <source>回答用紙に問題が {0} 件あります（詳細を表示で一覧できます）。問題のない項目だけを取り込みますか。問題のある項目は、アプリで入力し直してください。</source>
        <translation>The workbook has {0} problem(s) (Show Details lists them). Import only the items without problems? Enter the items with problems again in the app.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="316"/>
        <source>前年度の回答を引き継ぐ</source>
        <translation>Carry over last year&apos;s answers</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="317"/>
        <source>{0}の回答を、まだ回答していない項目に引き継ぎます。引き継いだ回答には「要再確認」の印が付き、確認するまで提出できません。</source>
        <translation>The answers of {0} will be carried over to the items not answered yet. Carried answers are marked &quot;Re-check&quot; and cannot be submitted until confirmed.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="324"/>
        <source>引き継ぐ回答はありません</source>
        <translation>Nothing to carry over</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="327"/>
        <source>引き継げません</source>
        <translation>Cannot carry over</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="331"/>
        <source>引き継ぎました</source>
        <translation>Carried over</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="332"/>
        <source>{0} 件の回答を引き継ぎました。「要再確認」の項目を一つずつ確認してください。</source>
        <translation>Carried over {0} answer(s). Please confirm the &quot;Re-check&quot; items one by one.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="351"/>
        <source>確認できません</source>
        <translation>Cannot confirm</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="371"/>
        <source>要再確認の項目はすべて確認しました。</source>
        <translation>Every item to re-check has been confirmed.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/department_actions.py" line="408"/>
        <source>確認する PDF</source>
        <translation>PDF to verify</translation>
    </message>
</context>
<context>
    <name>FindingForm</name>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="53"/>
        <source>未設定</source>
        <translation>Not set</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="171"/>
        <source>選んだ指摘事項</source>
        <translation>Selected finding</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="177"/>
        <source>区分</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="179"/>
        <source>見出し</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="180"/>
        <source>指摘内容</source>
        <translation>Finding</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="181"/>
        <source>推奨事項</source>
        <translation>Recommendation</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="182"/>
        <source>期限</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="183"/>
        <source>担当部署</source>
        <translation>Responsible department</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="184"/>
        <source>状況</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="185"/>
        <source>確認済み（部署への結果通知に載せる）</source>
        <translation>Confirmed (goes into the result notice)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="186"/>
        <source>確認済み</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="187"/>
        <source>部署の改善報告</source>
        <translation>Department&apos;s improvement report</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="189"/>
        <source>（部署からの改善報告はまだありません）</source>
        <translation>(No improvement report from the department yet)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="192"/>
        <source>区分(&amp;G):</source>
        <translation>&amp;Grade:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="193"/>
        <source>見出し(&amp;T):</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="194"/>
        <source>指摘内容(&amp;X):</source>
        <translation>Finding te&amp;xt:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="195"/>
        <source>推奨事項(&amp;R):</source>
        <translation>Reco&amp;mmendation:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="196"/>
        <source>期限(&amp;U):</source>
        <translation>D&amp;ue date:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="197"/>
        <source>担当部署(&amp;O):</source>
        <translation>Resp&amp;onsible department:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="198"/>
        <source>状況(&amp;S):</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="199"/>
        <source>部署の改善報告:</source>
        <translation>Improvement report:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="204"/>
        <source>保存(&amp;V)</source>
        <translation>Sa&amp;ve</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="206"/>
        <source>元に戻す</source>
        <translation>Revert</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="232"/>
        <source>一覧から指摘事項を選んでください。</source>
        <translation>Select a finding in the list.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="239"/>
        <source>{0}&#x3000;{1}&#x3000;由来: {2}</source>
        <translation>{0}  {1}  Origin: {2}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="242"/>
        <source>（元の指摘 No.{0}）</source>
        <translation> (from finding No. {0})</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="243"/>
        <source>No.{0}&#x3000;{1}
最終更新: {2} {3}</source>
        <translation>No. {0}  {1}
Last updated: {2} {3}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="252"/>
        <source>（未定）</source>
        <translation>(undecided)</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <location filename="../../mizuho_audit/ui/findings_model.py" line="34"/>
        <source>部署</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_model.py" line="34"/>
        <source>項目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_model.py" line="35"/>
        <source>区分</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_model.py" line="35"/>
        <source>見出し</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_model.py" line="36"/>
        <source>状況</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_model.py" line="36"/>
        <source>確認済み</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_model.py" line="37"/>
        <source>由来</source>
        <translation>Origin</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_model.py" line="37"/>
        <source>期限</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_model.py" line="63"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
</context>
<context>
    <name>FindingsWidget</name>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="78"/>
        <source>部署で絞り込む</source>
        <translation>Filter by department</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="78"/>
        <source>すべての部署</source>
        <translation>All departments</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="80"/>
        <source>区分で絞り込む</source>
        <translation>Filter by grade</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="80"/>
        <source>すべての区分</source>
        <translation>All grades</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="81"/>
        <source>章で絞り込む</source>
        <translation>Filter by chapter</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="81"/>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="176"/>
        <source>すべての章</source>
        <translation>All chapters</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="82"/>
        <source>部署(&amp;B):</source>
        <translation>D&amp;epartment:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="83"/>
        <source>区分(&amp;K):</source>
        <translation>Gra&amp;de:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="84"/>
        <source>章(&amp;Z):</source>
        <translation>Chapter (&amp;Z):</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="104"/>
        <source>指摘事項</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="126"/>
        <source>指摘案を作成(&amp;P)</source>
        <translation>&amp;Propose findings</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="127"/>
        <source>提出された回答から、重要項目の未実施・一部実施と、多くの部署に共通する課題を指摘案にします（同じ指摘は二度作りません）。</source>
        <translation>Proposes findings from the submitted answers: important items not or partly implemented, and issues common to many departments (the same finding is never made twice).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="130"/>
        <source>手入力で追加(&amp;N)…</source>
        <translation>Add ma&amp;nually…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="132"/>
        <source>確認済みにする(&amp;J)</source>
        <translation>Confirm (&amp;J)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="134"/>
        <source>選択した指摘案をまとめて確認済みにします（Ctrl+A で表示中のすべてを選択）。</source>
        <translation>Confirms every selected proposal at once (Ctrl+A selects all that are shown).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="136"/>
        <source>削除(&amp;L)</source>
        <translation>De&amp;lete</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="138"/>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="199"/>
        <source>未完了を次年度へ引き継ぐ(&amp;C)</source>
        <translation>&amp;Carry open findings into next year</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="139"/>
        <source>確認済みで、状況が未対応・対応中の指摘事項を次の年度へ引き継ぎます。</source>
        <translation>Carries confirmed findings that are open or in progress into the next fiscal year.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="188"/>
        <source>{0}: {1} 件</source>
        <translation>{0}: {1} finding(s)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="190"/>
        <source>（表示 {0} 件）</source>
        <translation> ({0} shown)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="192"/>
        <source>&#x3000;未確認 {0} 件</source>
        <translation>  {0} unconfirmed</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="195"/>
        <source>&#x3000;選択 {0} 件</source>
        <translation>  {0} selected</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="198"/>
        <source>未完了を{0}へ引き継ぐ(&amp;C)</source>
        <translation>&amp;Carry open findings into {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="267"/>
        <source>指摘事項の保存</source>
        <translation>Save finding</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="268"/>
        <source>「{0}」の変更を保存しますか？</source>
        <translation>Save the changes to &quot;{0}&quot;?</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="277"/>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="285"/>
        <source>保存できません</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="277"/>
        <source>見出しと指摘内容は空にできません。</source>
        <translation>The title and the finding cannot be empty.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="300"/>
        <source>指摘案を作成しました</source>
        <translation>Findings proposed</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="301"/>
        <source>{0} 件の指摘案を作成しました。内容と区分を確かめ、「確認済み」にしたものが部署への結果通知に載ります。</source>
        <translation>Proposed {0} finding(s). Check their text and grade; those marked &quot;Confirmed&quot; go into the result notices to the departments.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="304"/>
        <source>指摘案</source>
        <translation>Proposed findings</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="305"/>
        <source>新しい指摘案はありません（提出がまだないか、同じ指摘はすでにあります）。</source>
        <translation>No new findings to propose (there are no submissions yet, or the same findings already exist).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="357"/>
        <source>選択した {0} 件の指摘事項を削除しますか？</source>
        <translation>Delete the {0} selected findings?</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="358"/>
        <source>指摘事項の削除</source>
        <translation>Delete finding</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="355"/>
        <source>指摘事項「{0}」を削除しますか？</source>
        <translation>Delete the finding &quot;{0}&quot;?</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="359"/>
        <source>削除したことは操作履歴に残ります。</source>
        <translation>The deletion is recorded in the operation log.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="375"/>
        <source>次年度への引継ぎ</source>
        <translation>Carry into next year</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="376"/>
        <source>確認済みで未完了（未対応・対応中）の指摘事項を{0}へ引き継ぎますか？</source>
        <translation>Carry the confirmed findings that are still open (not started or in progress) into {0}?</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="377"/>
        <source>未確認の指摘案、完了したもの、良好事例は引き継ぎません。すでに引き継いだものは二度引き継ぎません。</source>
        <translation>Unconfirmed proposals, completed findings and good practices are not carried over. Findings already carried over are not carried again.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="387"/>
        <source>引き継ぎました</source>
        <translation>Carried over</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="388"/>
        <source>{0} 件の指摘事項を{1}へ引き継ぎました。年度を{1}に切り替えると確認できます。</source>
        <translation>Carried {0} finding(s) into {1}. Switch the fiscal year to {1} to see them.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="391"/>
        <source>引継ぎ</source>
        <translation>Carry over</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/findings_editor.py" line="391"/>
        <source>{0}へ引き継ぐ指摘事項はありません。</source>
        <translation>There are no findings to carry into {0}.</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../mizuho_audit/ui/help_menu.py" line="31"/>
        <source>説明書が見つかりません: {0}</source>
        <translation>The manual cannot be found: {0}</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <location filename="../../mizuho_audit/ui/help_menu.py" line="44"/>
        <source>ヘルプ(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/help_menu.py" line="45"/>
        <source>使い方（マニュアル）(&amp;M)</source>
        <translation>User &amp;manual</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/help_menu.py" line="46"/>
        <source>管理者向けの説明(&amp;G)</source>
        <translation>Administrator&apos;s &amp;guide</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/help_menu.py" line="47"/>
        <source>このアプリについて(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/help_menu.py" line="58"/>
        <source>使い方（マニュアル）</source>
        <translation>User manual</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/help_menu.py" line="61"/>
        <source>管理者向けの説明</source>
        <translation>Administrator&apos;s guide</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/help_menu.py" line="64"/>
        <source>このアプリについて</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/help_menu.py" line="65"/>
        <source>瑞穂町 情報セキュリティ自己点検・監査ツール（mizuho-audit）版 {0}
瑞穂町サイバーセキュリティを確保するための方針（令和8年3月）に基づく自己点検と監査のためのツールです。</source>
        <translation>Mizuho Town information-security self-inspection and audit tool (mizuho-audit), version {0}
A tool for the self-inspections and audits required by the town&apos;s cyber-security policy (March 2026).</translation>
    </message>
</context>
<context>
    <name>HolderWatch</name>
    <message>
        <location filename="../../mizuho_audit/ui/holder_watch.py" line="38"/>
        <source>{0}（読み取り専用）</source>
        <translation>{0} (read-only)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/holder_watch.py" line="39"/>
        <source>読み取り専用: 変更は保存されません</source>
        <translation>Read-only: changes are not saved</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/holder_watch.py" line="48"/>
        <source>データベースがほかの人に引き継がれました</source>
        <translation>Someone else has taken over the database</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/holder_watch.py" line="49"/>
        <source>このウィンドウが長い間応答しなかったため、ほかの人がこのデータベースを引き継ぎました。これ以降の変更は保存されません。このウィンドウを閉じてください。</source>
        <translation>This window did not respond for a long time, so someone else took over this database. Changes from now on are not saved. Please close this window.</translation>
    </message>
</context>
<context>
    <name>ImportingWindow</name>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="118"/>
        <source>{0}（{1}/{2}）: {3}</source>
        <translation>{0} ({1}/{2}): {3}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="124"/>
        <source>処理できませんでした</source>
        <translation>Could not complete</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="129"/>
        <source>取り消しました。</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="135"/>
        <source>取り消しています（処理中のファイルが終わると止まります）…</source>
        <translation>Cancelling (stops after the current file)…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="148"/>
        <source>提出ファイルを選ぶ</source>
        <translation>Choose submission files</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="149"/>
        <source>提出ファイル・Excel 回答用紙 (*.pdf *.json *.xlsx)</source>
        <translation>Submissions and Excel answer sheets (*.pdf *.json *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="154"/>
        <source>提出ファイルのフォルダを選ぶ</source>
        <translation>Choose the folder of submission files</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="202"/>
        <source>{0} の{1}年度の提出（{2}）は再提出で、前に取り込んだ版から {3} か所が変わっています。取り込むと新しい版になり、前の版は履歴に残ります。</source>
        <translation>The FY{1} submission of {0} ({2}) is a resubmission with {3} change(s) from the version imported before. Importing it makes a new version; the previous one stays in the history.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="192"/>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="205"/>
        <source>注意: {0}</source>
        <translation>Note: {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="193"/>
        <source>取込の確認</source>
        <translation>Confirm the import</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="193"/>
        <source>取り込みますか。</source>
        <translation>Import it?</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="206"/>
        <source>項目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="206"/>
        <source>欄</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="206"/>
        <source>変更前</source>
        <translation>Before</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="206"/>
        <source>変更後</source>
        <translation>After</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="207"/>
        <source>再提出の確認</source>
        <translation>Confirm resubmission</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="208"/>
        <source>取り込む</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="208"/>
        <source>取り込まない</source>
        <translation>Do not import</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="235"/>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="239"/>
        <source>例外として取り込む</source>
        <translation>Take as an exception</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="236"/>
        <source>{0} は取り込まれませんでした。
{1}

確かめたうえで取り込む必要があるときは、理由を書いて例外として取り込めます。理由は操作履歴と監査報告書に残ります。</source>
        <translation>{0} was not imported.
{1}

If it must be taken after you have checked it, write a reason and take it as an exception. The reason is kept in the log and the audit report.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="245"/>
        <source>取り込めません</source>
        <translation>Cannot import</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="250"/>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="277"/>
        <source>取込の結果</source>
        <translation>Import results</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="251"/>
        <source>取り込むファイル（.pdf / .json）がありませんでした。</source>
        <translation>There were no files to import (.pdf / .json).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="258"/>
        <source>取り込んでいません（もう一度取り込み、変更を確認すると取り込めます）。</source>
        <translation>Not imported (import it again and confirm the changes to take it in).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="260"/>
        <source>再提出の変更 {0} か所を確認して取り込みました。</source>
        <translation>Imported after confirming {0} change(s) in the resubmission.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="266"/>
        <source>取り消したため処理していません。</source>
        <translation>Not processed because the import was cancelled.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="270"/>
        <source>{0} 件のファイル: </source>
        <translation>{0} file(s): </translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="270"/>
        <source>&#x3000;</source>
        <translation> · </translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="273"/>
        <source>拒否したファイルは何も変えていません。理由を確かめ、部署に出し直しを依頼してください。</source>
        <translation>Refused files changed nothing. Check the reason and ask the department to submit again.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="276"/>
        <source>ファイル</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="276"/>
        <source>結果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="276"/>
        <source>部署</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="276"/>
        <source>署名</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/auditor_import.py" line="276"/>
        <source>内容</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>ItemPanel</name>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="126"/>
        <source>前年度の回答を引き継いでいます（要再確認）。今年度の状況を確かめ、変わりがなければ「前年どおりで確認」を押してください。</source>
        <translation>This answer was carried over from last year (re-check). Check this year&apos;s situation; if nothing has changed, press &quot;Keep last year&apos;s answer&quot;.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="128"/>
        <source>前年どおりで確認(&amp;K)</source>
        <translation>&amp;Keep last year&apos;s answer</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="134"/>
        <source>判断基準</source>
        <translation>Criteria</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="140"/>
        <source>実施している:</source>
        <translation>Implemented:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="141"/>
        <source>一部実施している:</source>
        <translation>Partly implemented:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="142"/>
        <source>根拠資料の例:</source>
        <translation>Evidence, for example:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="143"/>
        <source>補足:</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="146"/>
        <source>評価（キー 1〜4 でも選べます）</source>
        <translation>Rating (keys 1–4 also choose)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="158"/>
        <source>実施状況・根拠</source>
        <translation>Implementation and evidence</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="159"/>
        <source>実施している内容と、その根拠となる資料を書いてください。</source>
        <translation>Describe what is implemented and the documents that show it.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="161"/>
        <source>実施状況・根拠:</source>
        <translation>Implementation and evidence:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="164"/>
        <source>該当しない理由:</source>
        <translation>Reason not applicable:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="166"/>
        <source>該当しない理由</source>
        <translation>Reason not applicable</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="172"/>
        <source>改善計画（一部実施・未実施のとき）</source>
        <translation>Improvement plan (when partly or not implemented)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="175"/>
        <source>改善計画の内容</source>
        <translation>Improvement plan</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="178"/>
        <source>改善計画の担当</source>
        <translation>Plan owner</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="180"/>
        <source>改善計画の期限</source>
        <translation>Plan due date</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="184"/>
        <source>未設定</source>
        <translation>Not set</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="186"/>
        <source>内容:</source>
        <translation>Plan:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="186"/>
        <source>担当:</source>
        <translation>Owner:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="187"/>
        <source>期限:</source>
        <translation>Due:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="198"/>
        <source>根拠資料（添付ファイル）</source>
        <translation>Evidence (attached files)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="271"/>
        <source>左の一覧から項目を選んでください。</source>
        <translation>Select an item in the list on the left.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="287"/>
        <source>・</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="288"/>
        <source>全般</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="290"/>
        <source>出典: 方針 {0}&#x3000;重要度: {1}&#x3000;{2}&#x3000;対象: {3}</source>
        <translation>Source: policy {0}  Importance: {1}  {2}  Applies to: {3}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="293"/>
        <source>参照: {0}</source>
        <translation>References: {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="321"/>
        <source>提出済みのため変更できません。</source>
        <translation>Submitted: cannot be changed.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="373"/>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="422"/>
        <source>保存しました。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/item_panel.py" line="420"/>
        <source>保存できませんでした。入力内容は画面に残っています。</source>
        <translation>Could not save. Your entries are still on the screen.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="29"/>
        <source>未着手</source>
        <translation>Not started</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="30"/>
        <location filename="../../mizuho_audit/ui/labels.py" line="38"/>
        <source>回答中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="31"/>
        <location filename="../../mizuho_audit/ui/labels.py" line="39"/>
        <source>提出済</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="32"/>
        <location filename="../../mizuho_audit/ui/labels.py" line="40"/>
        <source>受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="33"/>
        <location filename="../../mizuho_audit/ui/labels.py" line="41"/>
        <source>差戻し</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="37"/>
        <source>未提出</source>
        <translation>Not submitted</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="45"/>
        <source>有効</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="46"/>
        <source>未署名</source>
        <translation>Unsigned</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="47"/>
        <source>無効</source>
        <translation>Invalid</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="48"/>
        <source>信頼されていない</source>
        <translation>Not trusted</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="49"/>
        <source>例外</source>
        <translation>exception</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="52"/>
        <source>信頼する証明書で署名され、署名後に変更されていません。</source>
        <translation>Signed with a trusted certificate and not changed after signing.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="53"/>
        <source>電子署名がありません。承認者が承認したことを別の方法で確かめてください。</source>
        <translation>There is no electronic signature. Confirm the approval by other means.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="54"/>
        <source>署名はありますが、証明書が信頼する証明書として登録されていません（管理 → 信頼する証明書の登録）。</source>
        <translation>Signed, but the certificate is not registered as trusted (Admin → Register trusted certificate).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="56"/>
        <source>署名が正しくありません。</source>
        <translation>The signature is not valid.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="57"/>
        <source>信頼できる登録済みの署名ではありませんが、監査担当が理由を付けて例外として取り込みました。理由は監査報告書に載ります。</source>
        <translation>Not a trusted, registered signature, but the auditor took it as an exception with a reason. The reason is printed in the audit report.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="62"/>
        <source>失効</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="63"/>
        <source>信頼されなくなった</source>
        <translation>No longer trusted</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="64"/>
        <source>署名者が登録されていない</source>
        <translation>Signer not registered</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="65"/>
        <source>承認者と不一致</source>
        <translation>Not the approver</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="66"/>
        <source>確認できない</source>
        <translation>Cannot be checked</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="69"/>
        <source>取込の後、署名者の証明書が失効しました（失効リストの更新）。</source>
        <translation>Since the import, the signer&apos;s certificate has been revoked (updated revocation list).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="70"/>
        <source>取込の後、この署名につながる信頼する証明書が登録から外されました。</source>
        <translation>Since the import, the trusted certificate this signature leads to has been removed.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="71"/>
        <source>取込の後、署名者の登録が終わったか外されたため、この部署の承認者として登録されていません。</source>
        <translation>Since the import, the signer&apos;s registration has ended or been removed: the signer is no longer registered as this department&apos;s approver.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="73"/>
        <source>記録された承認者が、署名した証明書の本人ではありません。</source>
        <translation>The recorded approver is not the holder of the signing certificate.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="74"/>
        <source>取り込んだファイルを読み直せないため、署名を確かめ直せません。</source>
        <translation>The imported file cannot be read again, so its signature cannot be checked again.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="78"/>
        <source>評価</source>
        <translation>Rating</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="79"/>
        <source>実施状況・根拠</source>
        <translation>Implementation and evidence</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="80"/>
        <source>該当しない理由</source>
        <translation>Reason not applicable</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="81"/>
        <source>改善計画の内容</source>
        <translation>Improvement plan</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="82"/>
        <source>改善計画の担当</source>
        <translation>Plan owner</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="83"/>
        <source>改善計画の期限</source>
        <translation>Plan due date</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="84"/>
        <source>添付ファイル</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="85"/>
        <source>前年度からの引継ぎの確認（要再確認）</source>
        <translation>Confirmation of the answer carried over from last year (re-check)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="89"/>
        <source>機密性</source>
        <translation>Confidentiality</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="90"/>
        <source>完全性</source>
        <translation>Integrity</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="91"/>
        <source>可用性</source>
        <translation>Availability</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="94"/>
        <source>マイナンバー利用事務系</source>
        <translation>My Number business network</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="95"/>
        <source>LGWAN接続系</source>
        <translation>LGWAN-connected network</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="96"/>
        <source>インターネット接続系</source>
        <translation>Internet-connected network</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="99"/>
        <source>高</source>
        <translation>High</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="100"/>
        <source>中</source>
        <translation>Medium</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="101"/>
        <source>低</source>
        <translation>Low</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="105"/>
        <source>重大</source>
        <translation>Major</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="106"/>
        <source>軽微</source>
        <translation>Minor</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="107"/>
        <source>観察事項</source>
        <translation>Observation</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="108"/>
        <source>良好事例</source>
        <translation>Good practice</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="111"/>
        <source>未対応</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="112"/>
        <source>対応中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="113"/>
        <source>完了</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="116"/>
        <source>重要項目の未実施・一部</source>
        <translation>Important item not or partly implemented</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="117"/>
        <source>多くの部署で未実施・一部</source>
        <translation>Not or partly implemented in many departments</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="118"/>
        <source>手入力</source>
        <translation>Entered manually</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="119"/>
        <source>前年度から継続</source>
        <translation>Continued from last year</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="123"/>
        <source>変更なし</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="124"/>
        <source>文言・基準を変更</source>
        <translation>Wording or criteria changed</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="125"/>
        <source>分割</source>
        <translation>Split</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="126"/>
        <source>統合</source>
        <translation>Merged</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="127"/>
        <source>新規</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="131"/>
        <source>部署用</source>
        <translation>department</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="132"/>
        <source>監査担当用</source>
        <translation>auditor</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="184"/>
        <source>全庁</source>
        <translation>Town-wide</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="189"/>
        <source>町全体</source>
        <translation>Whole town</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="195"/>
        <source>{wareki}</source>
        <comment>fiscal year</comment>
        <translation>FY{year}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="201"/>
        <source>{wareki}（{year}）</source>
        <comment>fiscal year choice</comment>
        <translation>FY{year}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="212"/>
        <source>{wareki}</source>
        <comment>date</comment>
        <translation>{english}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="218"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/labels.py" line="224"/>
        <source>{wareki}</source>
        <comment>date and time</comment>
        <translation>{iso} JST</translation>
    </message>
</context>
<context>
    <name>LogDialog</name>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="35"/>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="99"/>
        <source>部署</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="36"/>
        <source>監査担当</source>
        <translation>Auditor</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="38"/>
        <source>作成</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="39"/>
        <source>提出</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="40"/>
        <source>提出の取消し</source>
        <translation>Submission withdrawn</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="41"/>
        <source>添付の追加</source>
        <translation>Attachment added</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="42"/>
        <source>添付の削除</source>
        <translation>Attachment removed</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="43"/>
        <source>前年度からの引継ぎ</source>
        <translation>Carried over from last year</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="44"/>
        <source>提出ファイルの書き出し</source>
        <translation>Submission file exported</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="45"/>
        <source>回答の書き出し</source>
        <translation>Answers exported</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="46"/>
        <source>回答の取込</source>
        <translation>Answers imported</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="47"/>
        <source>差戻し通知の取込</source>
        <translation>Return notice imported</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="48"/>
        <source>提出の取込</source>
        <translation>Submission imported</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="49"/>
        <source>受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="50"/>
        <source>差戻し</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="51"/>
        <source>受理の取消し</source>
        <translation>Acceptance undone</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="52"/>
        <source>差戻し通知の書き出し</source>
        <translation>Return notice written</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="53"/>
        <source>提出期限の設定</source>
        <translation>Deadline set</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="54"/>
        <source>指摘案の作成</source>
        <translation>Findings proposed</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="55"/>
        <source>指摘事項の追加</source>
        <translation>Finding added</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="56"/>
        <source>指摘事項の変更</source>
        <translation>Finding changed</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="57"/>
        <source>指摘事項の削除</source>
        <translation>Finding deleted</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="58"/>
        <source>指摘事項の次年度への引継ぎ</source>
        <translation>Findings carried into next year</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="59"/>
        <source>結果通知の書き出し</source>
        <translation>Result notices written</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="60"/>
        <source>結果通知の取込</source>
        <translation>Result notice imported</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="61"/>
        <source>Excel回答用紙の書き出し</source>
        <translation>Excel answer sheet exported</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="62"/>
        <source>監査結果（Excel）の書き出し</source>
        <translation>Audit results (Excel) exported</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="63"/>
        <source>監査結果（OSCAL）の書き出し</source>
        <translation>Audit results (OSCAL) exported</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="64"/>
        <source>監査報告書（PDF）の書き出し</source>
        <translation>Audit report (PDF) exported</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="65"/>
        <source>監査報告書への署名</source>
        <translation>Audit report signed</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="66"/>
        <source>年度締め</source>
        <translation>Fiscal year closed</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="67"/>
        <source>年度締めの解除</source>
        <translation>Fiscal year reopened</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="68"/>
        <source>指摘事項の書き出し</source>
        <translation>Findings exported</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="69"/>
        <source>報告書の総括・宛先・文書番号の記入</source>
        <translation>Report details written</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="70"/>
        <source>バックアップからの復元</source>
        <translation>Restored from a backup</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="71"/>
        <source>信頼する証明書の登録</source>
        <translation>Trusted certificate added</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="72"/>
        <source>信頼する証明書の登録取消し</source>
        <translation>Trusted certificate removed</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="73"/>
        <source>失効リストの更新</source>
        <translation>Revocation list updated</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="74"/>
        <source>署名者の登録</source>
        <translation>Signer registered</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="75"/>
        <source>署名者の登録取消し</source>
        <translation>Signer registration ended</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="76"/>
        <source>年度のテーマの割当て</source>
        <translation>Fiscal year&apos;s themes assigned</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="77"/>
        <source>年度のテーマの取消し</source>
        <translation>Fiscal year&apos;s themes removed</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="78"/>
        <source>テーマの割当ての書き出し</source>
        <translation>Theme assignments exported</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="79"/>
        <source>テーマの割当ての取込</source>
        <translation>Theme assignments installed</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="80"/>
        <source>得点パックの書き出し</source>
        <translation>Score pack export</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="81"/>
        <source>他団体の得点パックの取込</source>
        <translation>Other town&apos;s score pack imported</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="82"/>
        <source>改ざん検出の封印</source>
        <translation>Tamper-detection seal</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="83"/>
        <source>担当の割り当て</source>
        <translation>Assignments</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="84"/>
        <source>担当の割り当ての取消し</source>
        <translation>Assignments removed</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="85"/>
        <source>担当の引継ぎ（人事異動など）</source>
        <translation>Assignments handed over (personnel transfer etc.)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="88"/>
        <source>版</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="89"/>
        <source>ハッシュ</source>
        <translation>Hash</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="90"/>
        <source>承認者</source>
        <translation>Approver</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="91"/>
        <source>職名</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="92"/>
        <source>承認日</source>
        <translation>Approval date</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="93"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="94"/>
        <source>通知</source>
        <translation>Notice</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="95"/>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="103"/>
        <source>ファイル</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="96"/>
        <source>サイズ</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="98"/>
        <source>引継元の年度</source>
        <translation>Carried from fiscal year</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="100"/>
        <source>チェックリスト</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="101"/>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="107"/>
        <source>件数</source>
        <translation>Count</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="102"/>
        <source>引継元</source>
        <translation>Carried from</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="104"/>
        <source>保存先</source>
        <translation>Saved to</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="105"/>
        <source>種類</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="106"/>
        <source>引継先</source>
        <translation>Handed over to</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="108"/>
        <source>担当者</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="109"/>
        <source>割り当てた人の職名</source>
        <translation>Title of the person assigning</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="110"/>
        <source>章・項目</source>
        <translation>Chapter / item</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="136"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="147"/>
        <source>&#x3000;</source>
        <translation> · </translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="156"/>
        <source>番号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="156"/>
        <source>日時</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="157"/>
        <source>操作者</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="157"/>
        <source>役割</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="158"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="158"/>
        <source>対象</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="159"/>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="165"/>
        <source>操作履歴の書き出し</source>
        <translation>Export the operation log</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="172"/>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="181"/>
        <source>操作履歴</source>
        <translation>Operation log</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="178"/>
        <source>記録は1件ごとに直前の記録とハッシュでつながっています。「検証」で、記録の変更・削除がないかを確かめます。</source>
        <translation>Each record is chained to the one before it by a hash. &quot;Verify&quot; checks that no record was changed or deleted.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="187"/>
        <source>選んだ記録の内容</source>
        <translation>Details of the selected record</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="188"/>
        <source>記録を選ぶと、その内容をすべてここに表示します。</source>
        <translation>Select a record to see all its details here.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="194"/>
        <source>検証の結果</source>
        <translation>Verification result</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="197"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="198"/>
        <source>検証(&amp;V)</source>
        <translation>&amp;Verify</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="200"/>
        <source>書き出し (CSV)(&amp;E)…</source>
        <translation>&amp;Export (CSV)…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="222"/>
        <source>{0} 番目&#x3000;{1}&#x3000;{2}（{3}）&#x3000;{4}&#x3000;{5}</source>
        <translation>No. {0}  {1}  {2} ({3})  {4}  {5}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="233"/>
        <source>検証できませんでした: {0}</source>
        <translation>Could not verify: {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="239"/>
        <source>改ざんは見つかりませんでした（{0}件）。</source>
        <translation>No tampering found ({0} records).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="243"/>
        <source>ほか {0} 件</source>
        <translation>and {0} more</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="245"/>
        <source>問題が {0} 件見つかりました（該当する記録を赤で示します）:
</source>
        <translation>Found {0} problem(s) (the records concerned are shown in red):
</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="254"/>
        <source>操作履歴_{0}.csv</source>
        <translation>operation-log_{0}.csv</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="264"/>
        <source>書き出せませんでした: {0}（{1}）</source>
        <translation>Could not export: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/log_dialog.py" line="267"/>
        <source>{0} 件を書き出しました: {1}</source>
        <translation>Exported {0} records: {1}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="56"/>
        <source>瑞穂町 情報セキュリティ自己点検</source>
        <translation>Mizuho Town Information Security Self-Inspection</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="71"/>
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="73"/>
        <source>部署</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="75"/>
        <source>部署を選んでください</source>
        <translation>Choose a department</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="76"/>
        <source>年度(&amp;Y):</source>
        <translation>Fiscal &amp;year:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="78"/>
        <source>部署(&amp;D):</source>
        <translation>&amp;Department:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="81"/>
        <source>回答者名の変更</source>
        <translation>Change the respondent&apos;s name</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="83"/>
        <source>回答者:</source>
        <translation>Respondent:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="97"/>
        <source>全体の進み具合</source>
        <translation>Overall progress</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="98"/>
        <location filename="../../mizuho_audit/ui/main_window.py" line="377"/>
        <source>回答済み %v / %m 項目（%p%）</source>
        <translation>Answered %v of %m items (%p%)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="117"/>
        <source>表示する項目</source>
        <translation>Items shown</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="128"/>
        <source>検索（質問・判断基準・条項）</source>
        <translation>Search (questions, criteria, clauses)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="129"/>
        <source>検索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="130"/>
        <source>Ctrl+F で検索欄へ移動します</source>
        <translation>Ctrl+F moves to the search box</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="134"/>
        <source>次の未回答(&amp;N)</source>
        <translation>&amp;Next unanswered</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="135"/>
        <source>次の未回答の項目へ移動します（Ctrl+N）</source>
        <translation>Go to the next unanswered item (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="141"/>
        <source>チェックリスト</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="168"/>
        <source>管理(&amp;A)</source>
        <translation>&amp;Admin</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="169"/>
        <source>チェックリスト・部署マスタの取込(&amp;I)…</source>
        <translation>&amp;Import checklist or department master…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="186"/>
        <source>データベース: {0}</source>
        <translation>Database: {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="197"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="239"/>
        <source>チェックリストを開けません</source>
        <translation>Cannot open the checklist</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="293"/>
        <source>読み取り専用で開いているため、変更できません。</source>
        <translation>Opened read-only: nothing can be changed.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="324"/>
        <source>未回答の項目はありません。</source>
        <translation>No unanswered items.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="358"/>
        <location filename="../../mizuho_audit/ui/main_window.py" line="361"/>
        <source>保存できません</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="373"/>
        <source>年度と部署を選ぶと、チェックリストが表示されます。</source>
        <translation>Choose a fiscal year and a department to see the checklist.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="383"/>
        <source>要再確認 {0}&#x3000;記入不足 {1}&#x3000;未回答 {2}</source>
        <translation>Re-check {0}, incomplete {1}, unanswered {2}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="386"/>
        <source>状態: {0}</source>
        <translation>Status: {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="388"/>
        <source>（第{0}版、承認 {1}）</source>
        <translation> (version {0}, approved by {1})</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="390"/>
        <source>&#x3000;差戻し: {0}</source>
        <translation>  Returned: {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="396"/>
        <source>（未設定）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="399"/>
        <source>回答者の名前</source>
        <translation>Respondent&apos;s name</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="400"/>
        <source>回答者の名前を入力してください（変更の記録に残ります）:</source>
        <translation>Enter the respondent&apos;s name (it is recorded with each change):</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="410"/>
        <source>チェックリストまたは部署マスタを選ぶ</source>
        <translation>Choose a checklist or department master</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="425"/>
        <source>部署マスタ（版 {0}、{1} 部署）を取り込みました。</source>
        <translation>Imported the department master (version {0}, {1} departments).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="427"/>
        <source>チェックリスト「{0}」（版 {1}）を取り込みました。</source>
        <translation>Imported the checklist &quot;{0}&quot; (version {1}).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="417"/>
        <location filename="../../mizuho_audit/ui/main_window.py" line="422"/>
        <source>取り込めません</source>
        <translation>Cannot import</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="362"/>
        <source>「{0}」を保存できませんでした。入力内容は画面に残っています。</source>
        <translation>Could not save &quot;{0}&quot;. What you typed is still on the screen.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="418"/>
        <source>ファイルに問題が {0} 件あります。何も変更していません。</source>
        <translation>The file has {0} problem(s). Nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="423"/>
        <source>ファイルを読めません。何も変更していません。
{0}</source>
        <translation>Cannot read the file. Nothing was changed.
{0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="429"/>
        <source>項目の対応表を取り込みました。</source>
        <translation>Item mapping installed.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="430"/>
        <source>組織改正の対応表を取り込みました。</source>
        <translation>Reorganisation table installed.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="431"/>
        <source>{0}のテーマの割当てを取り込みました（テーマのある部署 {1}）。</source>
        <translation>Theme assignments for {0} installed ({1} departments with a theme).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/main_window.py" line="433"/>
        <source>取込</source>
        <translation>Import</translation>
    </message>
</context>
<context>
    <name>ManualFindingDialog</name>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="94"/>
        <source>指摘事項を手入力で追加</source>
        <translation>Add a finding manually</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="97"/>
        <source>部署</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="98"/>
        <source>担当部署</source>
        <translation>Responsible department</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="99"/>
        <source>区分</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="101"/>
        <source>項目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="102"/>
        <source>例: NET-001（なければ空欄）</source>
        <translation>e.g. NET-001 (leave empty if none)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="104"/>
        <source>見出し</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="105"/>
        <source>指摘内容</source>
        <translation>Finding</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="106"/>
        <source>推奨事項</source>
        <translation>Recommendation</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="107"/>
        <source>期限</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="109"/>
        <source>部署(&amp;D):</source>
        <translation>&amp;Department:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="110"/>
        <source>担当部署(&amp;O):</source>
        <translation>Resp&amp;onsible department:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="111"/>
        <source>区分(&amp;G):</source>
        <translation>&amp;Grade:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="111"/>
        <source>項目(&amp;I):</source>
        <translation>&amp;Item:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="112"/>
        <source>見出し(&amp;T):</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="112"/>
        <source>指摘内容(&amp;X):</source>
        <translation>Finding te&amp;xt:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="113"/>
        <source>推奨事項(&amp;R):</source>
        <translation>&amp;Recommendation:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="114"/>
        <source>期限(&amp;U):</source>
        <translation>D&amp;ue date:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="122"/>
        <source>追加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/finding_form.py" line="123"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>MissingItemsDialog</name>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="201"/>
        <source>項目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="201"/>
        <source>質問</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="202"/>
        <source>足りないもの</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="207"/>
        <source>提出できません</source>
        <translation>Cannot submit</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="210"/>
        <source>次の {0} 項目に記入が足りないため、提出できません。項目を選んで「この項目へ移動」を押す（またはダブルクリックする）と、その項目を開きます。</source>
        <translation>The following {0} items are incomplete, so the checklist cannot be submitted. Select an item and press &quot;Go to this item&quot; (or double-click it) to open it.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="222"/>
        <source>記入が足りない項目</source>
        <translation>Incomplete items</translation>
    </message>
</context>
<context>
    <name>OscalActions</name>
    <message>
        <location filename="../../mizuho_audit/ui/oscal_actions.py" line="26"/>
        <source>チェックリストを OSCAL カタログで書き出す(&amp;O)…</source>
        <translation>Export the checklist as an &amp;OSCAL catalog…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/oscal_actions.py" line="27"/>
        <source>監査結果を OSCAL で書き出す(&amp;A)…</source>
        <translation>Export the audit results as OSC&amp;AL…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/oscal_actions.py" line="28"/>
        <source>チェックリストを CISO Assistant のライブラリで書き出す(&amp;L)…</source>
        <translation>Export the checklist as a CISO Assistant &amp;library…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/oscal_actions.py" line="35"/>
        <source>OSCAL の保存先</source>
        <translation>Save the OSCAL file as</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/oscal_actions.py" line="40"/>
        <source>{0}-チェックリスト-oscal.json</source>
        <translation>{0}-checklist-oscal.json</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/oscal_actions.py" line="46"/>
        <location filename="../../mizuho_audit/ui/oscal_actions.py" line="63"/>
        <location filename="../../mizuho_audit/ui/oscal_actions.py" line="79"/>
        <source>書き出せません</source>
        <translation>Cannot export</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/oscal_actions.py" line="48"/>
        <location filename="../../mizuho_audit/ui/oscal_actions.py" line="65"/>
        <location filename="../../mizuho_audit/ui/oscal_actions.py" line="81"/>
        <source>書き出しました</source>
        <translation>Exported</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/oscal_actions.py" line="49"/>
        <source>OSCAL カタログを書き出しました（{0} 版 {1}、{2} 項目）:
{3}</source>
        <translation>Wrote the OSCAL catalog ({0} version {1}, {2} items):
{3}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/oscal_actions.py" line="57"/>
        <source>{0}-自己点検結果-oscal.json</source>
        <translation>{0}-self-inspection-results-oscal.json</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/oscal_actions.py" line="66"/>
        <source>OSCAL の評価結果を書き出しました（{0} 部署）:
{1}</source>
        <translation>Wrote the OSCAL assessment results ({0} departments):
{1}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/oscal_actions.py" line="71"/>
        <source>CISO Assistant のライブラリの保存先</source>
        <translation>Where to save the CISO Assistant library</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/oscal_actions.py" line="72"/>
        <source>{0}-チェックリスト-ciso-assistant.yaml</source>
        <translation>{0}-checklist-ciso-assistant.yaml</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/oscal_actions.py" line="82"/>
        <source>CISO Assistant のライブラリを書き出しました（{0} 項目）:
{1}</source>
        <translation>The CISO Assistant library was written ({0} items):
{1}</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../mizuho_audit/ui/start_dialogs.py" line="60"/>
        <source>監査担当用データベースのパスフレーズ</source>
        <translation>Auditor database passphrase</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/start_dialogs.py" line="63"/>
        <source>監査担当用のデータベースを保護するパスフレーズを決めてください（8文字以上）。忘れるとデータベースを開けません。</source>
        <translation>Choose a passphrase to protect the auditor database (8 characters or more). Without it the database cannot be opened.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/start_dialogs.py" line="65"/>
        <source>監査担当用のデータベースです。パスフレーズを入力してください。</source>
        <translation>This is the auditor database. Please enter its passphrase.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/start_dialogs.py" line="72"/>
        <source>パスフレーズ</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/start_dialogs.py" line="73"/>
        <source>パスフレーズ:</source>
        <translation>Passphrase:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/start_dialogs.py" line="78"/>
        <source>パスフレーズ（確認）</source>
        <translation>Passphrase (confirm)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/start_dialogs.py" line="80"/>
        <source>もう一度:</source>
        <translation>Again:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/start_dialogs.py" line="99"/>
        <source>{0}文字以上にしてください。</source>
        <translation>Use at least {0} characters.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/start_dialogs.py" line="101"/>
        <source>二つの入力が一致しません。</source>
        <translation>The two entries do not match.</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="240"/>
        <source>理由(&amp;R):</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="252"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="253"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ReportDetailsDialog</name>
    <message>
        <location filename="../../mizuho_audit/ui/report_details_dialog.py" line="25"/>
        <source>報告書の総括・宛先・文書番号（{0}）</source>
        <translation>Report details ({0})</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/report_details_dialog.py" line="27"/>
        <source>総括は、監査担当の判断として報告書の最初（1 総括）に載ります。主なリスク、重大な指摘の多い部署、未提出の部署は、その下にアプリが書き加えます。</source>
        <translation>The overall assessment is the auditor&apos;s judgement, printed first in the report (section 1). The app adds the main risks, the departments with most major findings and the departments not submitted below it.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/report_details_dialog.py" line="33"/>
        <source>総括</source>
        <translation>Overall assessment</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/report_details_dialog.py" line="34"/>
        <source>例: 全体として対策は定着しつつあるが、委託先の管理と持出しの記録に課題がある。重大な指摘 5 件は年度内の改善を求める。</source>
        <translation>e.g. Measures are taking hold; contractor management and records of media taken out need work. The 5 major findings are to be remedied within the fiscal year.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/report_details_dialog.py" line="37"/>
        <source>宛先</source>
        <translation>Addressee</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/report_details_dialog.py" line="38"/>
        <source>例: 瑞穂町最高情報セキュリティ責任者&#x3000;様</source>
        <translation>e.g. the town&apos;s Chief Information Security Officer, in Japanese as printed on the cover</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/report_details_dialog.py" line="40"/>
        <source>文書番号</source>
        <translation>Document number</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/report_details_dialog.py" line="41"/>
        <source>例: 瑞情監第12号</source>
        <translation>e.g. the document number, in Japanese as printed on the cover</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/report_details_dialog.py" line="42"/>
        <source>総括(&amp;S):</source>
        <translation>Assessment(&amp;S):</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/report_details_dialog.py" line="43"/>
        <source>宛先(&amp;A):</source>
        <translation>Addressee(&amp;A):</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/report_details_dialog.py" line="44"/>
        <source>文書番号(&amp;N):</source>
        <translation>Document number(&amp;N):</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/report_details_dialog.py" line="47"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/report_details_dialog.py" line="48"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <location filename="../../mizuho_audit/ui/start_dialogs.py" line="31"/>
        <source>データベースの種類</source>
        <translation>Kind of database</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/start_dialogs.py" line="33"/>
        <source>このパソコンで初めて使います。データベースの種類を選んでください。種類はあとから変えられません。</source>
        <translation>This is the first use on this computer. Choose the kind of database; it cannot be changed later.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/start_dialogs.py" line="37"/>
        <source>部署用: 自分の課の自己点検に回答し、承認を受けて提出する</source>
        <translation>Department: answer your division&apos;s self-inspection and submit it with approval</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/start_dialogs.py" line="38"/>
        <source>監査担当用: 各課の提出を取り込み、集計・監査する（パスフレーズで保護）</source>
        <translation>Auditor: import the divisions&apos; submissions, consolidate and audit them (passphrase protected)</translation>
    </message>
</context>
<context>
    <name>SignerDialog</name>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="94"/>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="160"/>
        <source>署名者の登録</source>
        <translation>Signer register</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="97"/>
        <source>各部署の提出に署名できる人（承認者）と、監査報告書の作成・確認・承認に署名できる人です。登録のない署名の提出は取り込まれません。</source>
        <translation>Who may sign each department&apos;s submission (its approver) and who may sign the audit report as author, reviewer and approver. Submissions signed by anyone not registered are not imported.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="100"/>
        <source>署名者の一覧</source>
        <translation>Registered signers</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="104"/>
        <source>役割</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="108"/>
        <source>部署</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="114"/>
        <source>役割(&amp;R):</source>
        <translation>Role (&amp;R):</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="115"/>
        <source>部署(&amp;D):</source>
        <translation>&amp;Department:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="117"/>
        <source>証明書を選んで登録(&amp;A)…</source>
        <translation>Register a certificate (&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="119"/>
        <source>登録をやめる(&amp;X)…</source>
        <translation>End registration (&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="125"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="141"/>
        <source>登録する証明書、または署名済みの提出ファイル</source>
        <translation>Certificate to register, or a signed submission file</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="142"/>
        <source>証明書・PDF (*.pem *.crt *.cer *.der *.p12 *.pfx *.pdf)</source>
        <translation>Certificates and PDF (*.pem *.crt *.cer *.der *.p12 *.pfx *.pdf)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="149"/>
        <source>パスフレーズ</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="149"/>
        <source>証明書（PKCS#12）のパスフレーズ:</source>
        <translation>Certificate (PKCS#12) passphrase:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="156"/>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="165"/>
        <source>登録できません</source>
        <translation>Cannot register</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="159"/>
        <source>次の証明書を「{0}」に登録しますか。</source>
        <translation>Register the following certificate for &quot;{0}&quot;?</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="173"/>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="176"/>
        <source>登録をやめる</source>
        <translation>End registration</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="173"/>
        <source>一覧から署名者を選んでください。</source>
        <translation>Choose a signer in the list.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="176"/>
        <source>理由（例: 人事異動）:</source>
        <translation>Reason (e.g. a transfer):</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="182"/>
        <source>登録をやめられません</source>
        <translation>Cannot end the registration</translation>
    </message>
</context>
<context>
    <name>TableDialog</name>
    <message>
        <location filename="../../mizuho_audit/ui/dialogs.py" line="123"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/dialogs.py" line="127"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ThemesDialog</name>
    <message>
        <location filename="../../mizuho_audit/ui/themes_dialog.py" line="140"/>
        <source>年度のテーマ（{0}）</source>
        <translation>Fiscal year&apos;s themes ({0})</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/themes_dialog.py" line="143"/>
        <source>毎年の項目と {0} 群</source>
        <translation>the yearly items and group {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/themes_dialog.py" line="143"/>
        <source>すべての項目</source>
        <translation>every item</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/themes_dialog.py" line="144"/>
        <source>{0}は{1}を尋ねます。テーマを加えた部署は、そのテーマの項目（部署に当てはまるもの）にも答えます。各部署の今年度の項目は {2} 項目・{3} 分までです（システム担当を除く）。保存した後、「部署に配るファイルを書き出す」で各課に配り、各課は「管理 → チェックリスト・部署マスタの取込」で取り込みます。</source>
        <translation>{0} asks {1}. A department given a theme also answers the theme&apos;s items that apply to it. Each department answers at most {2} items and {3} minutes in the year (the systems side excepted). After saving, hand the file from &quot;Export the file for the departments&quot; to each department, which installs it with Administration &gt; Import checklist or department master.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/themes_dialog.py" line="153"/>
        <source>部署ごとのテーマ</source>
        <translation>Themes per department</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/themes_dialog.py" line="161"/>
        <source>部署に配るファイルを書き出す(&amp;E)…</source>
        <translation>&amp;Export the file for the departments…</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/themes_dialog.py" line="163"/>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/themes_dialog.py" line="165"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/themes_dialog.py" line="179"/>
        <source>保存できません</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/themes_dialog.py" line="183"/>
        <source>保存しました</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/themes_dialog.py" line="183"/>
        <source>テーマの割当てを保存しました。</source>
        <translation>The theme assignments were saved.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/themes_dialog.py" line="189"/>
        <source>部署に配るファイル</source>
        <translation>File for the departments</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/themes_dialog.py" line="196"/>
        <source>書き出せません</source>
        <translation>Cannot export</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/themes_dialog.py" line="198"/>
        <source>書き出しました</source>
        <translation>Exported</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/themes_dialog.py" line="199"/>
        <source>{0} を書き出しました。各課に配ってください（取込: 管理 → チェックリスト・部署マスタの取込、または mizuho-audit questionnaire import）。</source>
        <translation>{0} was written. Hand it to each department (to install: Administration &gt; Import checklist or department master, or mizuho-audit questionnaire import).</translation>
    </message>
</context>
<context>
    <name>ThemesModel</name>
    <message>
        <location filename="../../mizuho_audit/ui/themes_dialog.py" line="82"/>
        <source>{0}（{1} 項目の集まり）</source>
        <translation>{0} (a set of {1} items)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/themes_dialog.py" line="86"/>
        <source>部署</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/themes_dialog.py" line="86"/>
        <source>今年度の項目</source>
        <translation>Items this year</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/themes_dialog.py" line="86"/>
        <source>分</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/themes_dialog.py" line="107"/>
        <source>あり</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/themes_dialog.py" line="107"/>
        <source>なし</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>TrustActions</name>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="38"/>
        <source>信頼する証明書（町の認証局・LGPKI）</source>
        <translation>Trusted certificate (the town CA, LGPKI)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="39"/>
        <source>証明書 (*.pem *.crt *.cer *.der)</source>
        <translation>Certificates (*.pem *.crt *.cer *.der)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="45"/>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="56"/>
        <source>登録できません</source>
        <translation>Cannot register</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="48"/>
        <source>次の証明書を、信頼する証明書として登録しますか。指紋が、認証局から別の方法（紙・電話など）で知らされたものと同じか確かめてください。</source>
        <translation>Trust the following certificate? Check that the fingerprint is the one the CA gave you another way (on paper, by phone).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="51"/>
        <source>信頼する証明書の登録</source>
        <translation>Trust a certificate</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="58"/>
        <source>（すでに登録されています）</source>
        <translation>(already trusted)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="59"/>
        <source>登録しました</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="60"/>
        <source>信頼する証明書に登録しました:
</source>
        <translation>Now trusted:
</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="66"/>
        <source>失効リスト（CRL）</source>
        <translation>Revocation list (CRL)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="67"/>
        <source>失効リスト (*.crl *.pem *.der)</source>
        <translation>Revocation lists (*.crl *.pem *.der)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="73"/>
        <source>入れられません</source>
        <translation>Cannot store it</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="76"/>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="81"/>
        <source>失効リスト</source>
        <translation>Revocation list</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="77"/>
        <source>{0} の失効リスト（{1} 発行、失効 {2} 件）を入れました。以後の取込と確認で使います。</source>
        <translation>{0}&apos;s revocation list (issued {1}, {2} revoked) was stored. Imports and checks use it from now on.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/trust_actions.py" line="82"/>
        <source>同じか新しい失効リストがすでに入っています。</source>
        <translation>The same or a newer revocation list is already stored.</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../../mizuho_audit/ui/verify_dialog.py" line="21"/>
        <source>署名後の変更なし</source>
        <translation>Not changed after signing</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/verify_dialog.py" line="22"/>
        <source>後から署名が追加されただけ</source>
        <translation>Only signatures added later</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/verify_dialog.py" line="23"/>
        <source>署名後に変更あり</source>
        <translation>Changed after signing</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/verify_dialog.py" line="40"/>
        <source>改ざんなし</source>
        <translation>Intact</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/verify_dialog.py" line="41"/>
        <source>改ざんあり</source>
        <translation>Tampered</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/verify_dialog.py" line="42"/>
        <source>信頼できる</source>
        <translation>Trusted</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/verify_dialog.py" line="43"/>
        <source>信頼されていない</source>
        <translation>Not trusted</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/verify_dialog.py" line="44"/>
        <source>失効</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/verify_dialog.py" line="45"/>
        <source>署名時に有効</source>
        <translation>Valid when signed</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/verify_dialog.py" line="46"/>
        <source>署名時に無効</source>
        <translation>Not valid when signed</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/verify_dialog.py" line="55"/>
        <source>署名欄</source>
        <translation>Signature field</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/verify_dialog.py" line="55"/>
        <source>署名者</source>
        <translation>Signer</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/verify_dialog.py" line="56"/>
        <source>署名日時</source>
        <translation>Signed at</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/verify_dialog.py" line="56"/>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/verify_dialog.py" line="57"/>
        <source>その後</source>
        <translation>Afterwards</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/verify_dialog.py" line="57"/>
        <source>証明書</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/verify_dialog.py" line="58"/>
        <source>有効性</source>
        <translation>Validity</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/verify_dialog.py" line="58"/>
        <source>説明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/verify_dialog.py" line="62"/>
        <source>電子署名の確認 — {0}</source>
        <translation>Electronic signatures — {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/verify_dialog.py" line="69"/>
        <source>署名の一覧</source>
        <translation>Signatures</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/verify_dialog.py" line="72"/>
        <source>信頼する証明書は「管理 → 信頼する証明書の登録」で登録した町の認証局・LGPKI のものです。確認にネットワークは使いません（ファイルに埋め込まれた失効情報を使います）。</source>
        <translation>Trusted certificates are those of the town&apos;s certificate authority and LGPKI registered with &quot;Admin → Register trusted certificate&quot;. No network is used (the revocation data embedded in the file is used).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/verify_dialog.py" line="85"/>
        <source>確認できません: {0}</source>
        <translation>Cannot verify: {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/verify_dialog.py" line="89"/>
        <source>このファイルには電子署名がありません（未署名）。</source>
        <translation>This file has no electronic signature (unsigned).</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/verify_dialog.py" line="92"/>
        <source>署名した人が、その欄に署名してよい人ではありません:</source>
        <translation>The person who signed may not sign that field:</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/verify_dialog.py" line="96"/>
        <source>すべての署名（{0} 件）が有効です。署名の後でファイルは変更されていません。</source>
        <translation>All signatures ({0}) are valid. The file has not been changed since it was signed.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/verify_dialog.py" line="100"/>
        <source>確認が必要な署名があります。各行の説明を読んでください。</source>
        <translation>Some signatures need attention. Please read the explanation in each row.</translation>
    </message>
</context>
<context>
    <name>ViewMenu</name>
    <message>
        <location filename="../../mizuho_audit/ui/view_menu.py" line="20"/>
        <source>小</source>
        <translation>Small</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/view_menu.py" line="21"/>
        <source>標準</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/view_menu.py" line="22"/>
        <source>大</source>
        <translation>Large</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/view_menu.py" line="23"/>
        <source>特大</source>
        <translation>Extra large</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/view_menu.py" line="41"/>
        <source>表示(&amp;W)</source>
        <translation>Vie&amp;w</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/view_menu.py" line="44"/>
        <source>言語（再起動後に切り替わります）(&amp;L)</source>
        <translation>&amp;Language (applies after restart)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/view_menu.py" line="52"/>
        <source>ウィンドウの言語を選びます。次に起動したときから切り替わります。</source>
        <translation>Choose the window&apos;s language. It changes from the next start.</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/view_menu.py" line="58"/>
        <source>文字の大きさ(&amp;F)</source>
        <translation>&amp;Font size</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/view_menu.py" line="78"/>
        <source>言語</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/view_menu.py" line="79"/>
        <source>ウィンドウの言語を「{0}」にしました。アプリを再起動すると切り替わります。
チェックリストの内容と報告書は日本語のままです。</source>
        <translation>The window&apos;s language is now {0}. It changes when you restart the app.
The checklist content and the reports stay in Japanese.</translation>
    </message>
</context>
<context>
    <name>YearContext</name>
    <message>
        <location filename="../../mizuho_audit/ui/year_context.py" line="20"/>
        <source>未回答</source>
        <translation>Unanswered</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/year_context.py" line="31"/>
        <source>毎年の項目</source>
        <translation>the yearly items</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/year_context.py" line="31"/>
        <source>{0} 群</source>
        <translation>group {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/year_context.py" line="35"/>
        <source>テーマ「{0}」</source>
        <translation>themes: {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/year_context.py" line="36"/>
        <source>今年度の項目: {0}（{1} 項目）</source>
        <translation>Asked this year: {0} ({1} items)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/year_context.py" line="45"/>
        <source>{0}の回答: {1}</source>
        <translation>Answer in {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/year_context.py" line="48"/>
        <source>（項目 {0}）</source>
        <translation> (item {0})</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/year_context.py" line="52"/>
        <source>&#x3000;実施状況: {0}</source>
        <translation>  Status and evidence: {0}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/year_context.py" line="58"/>
        <source>（改善）</source>
        <translation> (improved)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/year_context.py" line="59"/>
        <source>（低下）</source>
        <translation> (declined)</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/year_context.py" line="60"/>
        <source>今年度: {0}{1}</source>
        <translation>This year: {0}{1}</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/year_context.py" line="66"/>
        <source>この項目は情報セキュリティ事務局（{0}）が町全体として一度だけ答えます。この部署は答えません。下は事務局の回答です（{1}。参考・変更できません）。</source>
        <translation>The information security office ({0}) answers this item once for the whole town; this department does not answer it. Below is the office&apos;s answer ({1}; for reference, it cannot be changed here).</translation>
    </message>
</context>
<context>
    <name>_ChooseItemDialog</name>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="171"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../mizuho_audit/ui/workflow_dialogs.py" line="179"/>
        <source>この項目へ移動(&amp;G)</source>
        <translation>&amp;Go to this item</translation>
    </message>
</context>
</TS>
