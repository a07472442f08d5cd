"""The programme's fund in the financing ledger, and the earmark of a pledge for a round:
where the donors' contributions move (0004)."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('financing', '0002_statements_bank_and_publication'),
        ('sponsorship', '0002_stored_year_report_pdfs'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ProgrammePledge',
            fields=[
            ],
            options={
                'verbose_name': 'contribution',
                'verbose_name_plural': 'contributions',
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('financing.pledge',),
        ),
        migrations.AddField(
            model_name='historicalprogramme',
            name='fund',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text="The fund of the financing ledger that receives the donors' contributions.", limit_choices_to={'kind': 'sponsorship'}, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='financing.fund', verbose_name='fund'),
        ),
        migrations.AddField(
            model_name='programme',
            name='fund',
            field=models.OneToOneField(blank=True, help_text="The fund of the financing ledger that receives the donors' contributions.", limit_choices_to={'kind': 'sponsorship'}, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='sponsorship_programme', to='financing.fund', verbose_name='fund'),
        ),
        migrations.CreateModel(
            name='Earmark',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('pledge', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='sponsorship_earmark', to='financing.pledge', verbose_name='pledge')),
                ('round', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='earmarks', to='sponsorship.round', verbose_name='earmarked for the round')),
            ],
            options={
                'verbose_name': 'earmark',
                'verbose_name_plural': 'earmarks',
                'ordering': ['round', 'pledge'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalEarmark',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('pledge', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='financing.pledge', verbose_name='pledge')),
                ('round', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='sponsorship.round', verbose_name='earmarked for the round')),
            ],
            options={
                'verbose_name': 'historical earmark',
                'verbose_name_plural': 'historical earmarks',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
